import fc from 'fast-check'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import type { Value } from '../../../src/domain/value'
import { formatInUniverseTime } from '../../../src/domain/inUniverseTime'
import type { ReleaseCut } from '../../../projections/cut'
import { readerOf } from '../../../src/app/queries'
import type { EntityAnswer, ValueJson } from '../../../src/app/queries'
import type { AppError } from '../../../src/app/errors'
import { hiddenEntityName } from '../../../src/app/answers'
import { buildUniverse, universePlan } from './randomUniverse'
import type { Universe } from './randomUniverse'
import type { NaiveCanon } from './naiveCanon'
import { naiveAdmitted, naiveEntity, naiveEntries, naiveFold, naiveRoot } from './naiveCanon'

/** A random cut on both axes, drawn against the universe it will cut. */
const cutPlan = fc.record({
  kind: fc.integer({ min: 0, max: 4 }),
  pick: fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 3 }),
  day: fc.integer({ min: 0, max: 5 }),
  ledger: fc.option(fc.nat({ max: 14 }), { nil: undefined }),
  policy: fc.boolean(),
})
type CutPlan = typeof cutPlan extends fc.Arbitrary<infer P> ? P : never

interface Cut {
  readonly cut: ReleaseCut
  readonly ledgerPosition?: bigint
  readonly policy: CanonPolicy
}

const cutOf = (u: Universe, p: CutPlan): Cut => {
  const ids = u.releases.map((r) => r.id)
  const at = (n: number) => ids[n % ids.length] as (typeof ids)[number]
  const cut: ReleaseCut =
    p.kind === 0
      ? { _tag: 'Latest' }
      : p.kind === 1
        ? { _tag: 'AsOfRelease', release: at(p.pick[0] ?? 0) }
        : p.kind === 2
          ? { _tag: 'AsOfDate', date: `2020-01-0${p.day}` as never }
          : p.kind === 3
            ? { _tag: 'Progress', watched: p.pick.map(at) }
            : { _tag: 'AsOfRelease', release: 'no-such-release' as never }
  return {
    cut,
    policy: p.policy ? allSources : onScreenOnly,
    ...(p.ledger === undefined ? {} : { ledgerPosition: BigInt(p.ledger) }),
  }
}

/** What the naive fold says a value must look like in an answer at this cut. */
const expectedValue = (canon: NaiveCanon, v: Value): ValueJson => {
  switch (v._tag) {
    case 'EntityRef': {
      const e = canon.entities.get(v.entity)
      if (e === undefined) return { _tag: 'EntityRef', entity: null, name: hiddenEntityName }
      const root = naiveRoot(canon, v.entity)
      const rootName = canon.entities.get(root)?.name
      return {
        _tag: 'EntityRef',
        entity: v.entity,
        name: e.name,
        ...(root === v.entity || rootName === undefined
          ? {}
          : { identifiedWith: { entity: root, name: rootName } }),
      }
    }
    case 'List':
      return { _tag: 'List', items: v.items.map((i) => expectedValue(canon, i)) }
    case 'Time':
      return { _tag: 'Time', time: v.time, text: formatInUniverseTime(v.time) }
    case 'Text':
    case 'Quantity':
      return { ...v }
  }
}

const naiveAt = (u: Universe, c: Cut) => {
  const entries = naiveEntries(u.recorded, c.ledgerPosition)
  const admitted = naiveAdmitted(entries, c.cut)
  return admitted === undefined
    ? undefined
    : { admitted, canon: naiveFold(entries, admitted, c.policy.admits) }
}

const runs = { numRuns: 120 }

describe('given random ledgers appended in random order, with corrections', () => {
  describe('when asking entityAsOf at a random cut (release, date, progress; ledger position; policy)', () => {
    it('then every answer equals the naive fold of exactly the admitted events', () => {
      fc.assert(
        fc.property(universePlan, cutPlan, (plan, p) => {
          const u = buildUniverse(plan)
          const c = cutOf(u, p)
          const reader = readerOf(u.recorded)
          const naive = naiveAt(u, c)
          const everyEntity = [...u.tokens.keys()].filter((t) => t.startsWith('thing/'))
          for (const id of everyEntity) {
            const answer = reader.entityAsOf({ entity: id, ...c })
            const expected = naive === undefined ? undefined : naiveEntity(naive.canon, id)
            if (naive === undefined || expected === undefined) {
              expect(E.isLeft(answer) && answer.left._tag).toBe('NotFound')
              continue
            }
            expect(E.isRight(answer)).toBe(true)
            if (E.isLeft(answer)) continue
            const a = answer.right
            expect({
              id: a.entity.id,
              name: a.entity.name,
              aliases: [...a.entity.aliases].sort(),
            }).toEqual({ id: expected.id, name: expected.name, aliases: expected.aliases })
            expect(
              a.facts.map((f) => ({
                predicate: f.predicate,
                status: f.status,
                claims: f.claims
                  .map((cl) => ({ claim: cl.claim, tier: cl.tier, value: cl.value.value }))
                  .sort((x, y) => (x.claim < y.claim ? -1 : 1)),
              })),
            ).toEqual(
              expected.facts.map((f) => ({
                predicate: f.predicate,
                status: f.status,
                claims: f.claims.map((cl) => ({
                  claim: cl.claim,
                  tier: cl.tier,
                  value: expectedValue(
                    naive.canon,
                    naive.canon.claims.get(cl.claim)?.value as Value,
                  ),
                })),
              })),
            )
            for (const f of a.facts) {
              const ranks = f.claims.map((cl) => (cl.tier === 'on-screen' ? 0 : 1))
              expect(ranks).toEqual([...ranks].sort())
            }
          }
        }),
        runs,
      )
    })
  })
})

/** Every token of the universe that the cut does not admit: none may appear in an answer. */
const forbiddenAt = (u: Universe, c: Cut, admittedIds: ReadonlySet<string>): string[] => {
  const allowed = new Set<string>()
  const entries = naiveEntries(u.recorded, c.ledgerPosition)
  for (const e of entries) {
    if (!admittedIds.has(e.release.id)) continue
    const text = JSON.stringify(e)
    for (const t of u.tokens.keys()) if (text.includes(t)) allowed.add(t)
  }
  // The releases the caller named in the cut are the caller's own words, echoed back.
  const named =
    c.cut._tag === 'AsOfRelease' ? [c.cut.release] : c.cut._tag === 'Progress' ? c.cut.watched : []
  for (const id of named) allowed.add(id)
  return [...u.tokens.keys()].filter((t) => !allowed.has(t))
}

describe('given random ledgers and random cuts (spoiler safety)', () => {
  describe('when asking every query at the cut', () => {
    it('then no answer mentions an id, name, alias, title or value that the cut does not admit', () => {
      fc.assert(
        fc.property(universePlan, cutPlan, fc.string({ maxLength: 4 }), (plan, p, q) => {
          const u = buildUniverse(plan)
          const c = cutOf(u, p)
          const naive = naiveAt(u, c)
          if (naive === undefined) return
          const admittedIds = new Set(
            naive.admitted
              .filter((e) =>
                c.policy.admits.has(
                  e.release.kind === 'article' || e.release.kind === 'interview'
                    ? e.release.kind
                    : 'on-screen',
                ),
              )
              .map((e) => e.release.id as string),
          )
          const forbidden = forbiddenAt(u, c, admittedIds)
          const reader = readerOf(u.recorded)
          const answers: unknown[] = []
          const collect = (r: E.Either<AppError, unknown>) =>
            answers.push(E.isLeft(r) ? r.left : r.right)
          /** An entity query's error echoes the query (the caller's own words): only its suggestions count. */
          const collectLookup = (r: E.Either<AppError, EntityAnswer>) =>
            answers.push(
              E.isLeft(r)
                ? r.left._tag === 'NotFound'
                  ? r.left.suggestions
                  : r.left
                : { ...r.right, matched: null },
            )
          for (const t of u.tokens.keys()) {
            collectLookup(reader.entityAsOf({ entity: t, ...c }))
            // misspelled: suggestions must come from the cut only
            collectLookup(reader.entityAsOf({ entity: `${t}x`, ...c }))
          }
          collect(reader.searchEntities({ query: q.length === 0 ? 'q' : q, ...c }))
          collect(reader.searchEntities({ query: 'thing', ...c }))
          collect(reader.timeline(c))
          collect(reader.releases(c))
          collect(
            reader.diff({
              from: { _tag: 'AsOfDate', date: '2019-12-31' as never },
              to: c.cut,
              policy: c.policy,
              ...(c.ledgerPosition === undefined ? {} : { ledgerPosition: c.ledgerPosition }),
            }),
          )
          const text = JSON.stringify(answers, (_, v: unknown) =>
            typeof v === 'bigint' ? v.toString() : v,
          )
          for (const t of forbidden)
            expect(
              text.includes(t),
              `'${t}' leaked at ${JSON.stringify(c, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
            ).toBe(false)
        }),
        runs,
      )
    })
  })
})

describe('given the same random events appended in two different orders', () => {
  describe('when asking entityAsOf for every entity at a release cut', () => {
    it('then both ledgers give the same answers', () => {
      fc.assert(
        fc.property(
          universePlan,
          fc.array(fc.nat({ max: 1000 }), { minLength: 12, maxLength: 12 }),
          cutPlan,
          (plan, otherOrder, p) => {
            const one = buildUniverse(plan)
            const two = buildUniverse({ ...plan, order: otherOrder })
            const { cut, policy } = cutOf(one, p)
            const readers = [readerOf(one.recorded), readerOf(two.recorded)] as const
            for (const id of [...one.tokens.keys()].filter((t) => t.startsWith('thing/'))) {
              const [a, b] = readers.map((r) => r.entityAsOf({ entity: id, cut, policy }))
              expect(a).toEqual(b)
            }
          },
        ),
        { numRuns: 60 },
      )
    })
  })
})
