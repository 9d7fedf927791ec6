import { crc32 } from 'node:zlib'
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import type { Recorded } from '../../../src/domain/events'
import type { ReleaseId } from '../../../src/domain/ids'
import { isoDate } from '../../../src/domain/calendarDate'
import type { ReleaseCut } from '../../../projections/cut'
import { ledgerView } from '../../../projections/ledgerView'
import { buildIndex } from '../../../projections/temporalIndex'
import type { EntityQuery, LedgerReader } from '../../../src/app/queries'
import { extendReader, readerOf } from '../../../src/app/queries'
import { entityAsOfIn, readerFromIndex } from '../../../src/app/readModel'
import { fromSnapshot, toSnapshot } from '../../../projections/temporalSnapshot'
import { cutKeysOf } from '../../../src/app/cutKeys'
import { indexedEntityAsOf } from '../../../src/app/indexedEntity'
import { buildUniverse, universePlan } from './randomUniverse'
import { entityPool, randomLedger } from '../../support/randomLedger'

/**
 * The indexed reader against THE fold path (`entityAsOfIn` over the ledger view), answer for
 * answer, serialized: the index path must be invisible in every byte of every answer.
 */

interface Ledger {
  readonly recorded: ReadonlyArray<Recorded>
  readonly entities: ReadonlyArray<string>
  readonly releases: ReadonlyArray<ReleaseId>
}

/**
 * Names, aliases, an upper-cased id and misspellings (near misses get suggestions), drawn from
 * what the ledger introduces: these resolve through the lookup, not the exact-id search.
 */
const namesOf = (recorded: ReadonlyArray<Recorded>, n: number): ReadonlyArray<string> => {
  const texts: string[] = []
  for (const r of recorded)
    if (r.event._tag === 'ReleaseRecorded')
      for (const c of r.event.changes)
        if (c._tag === 'Introduced')
          texts.push(c.name, ...(c.aliases ?? []), c.entity.toUpperCase())
        else if (c._tag === 'Aliased') texts.push(c.alias)
  const picked = texts.filter((_, i) => i % 4 === n % 4)
  return [...picked, ...picked.map((t) => ` ${t.slice(0, -1)}x`)]
}

const fromUniverse = fc.tuple(universePlan, fc.nat({ max: 3 })).map(([plan, n]): Ledger => {
  const u = buildUniverse(plan)
  const ids = [...u.tokens.keys()].filter((t) => t.startsWith('thing/'))
  // A name and an upper-cased id keep to the fold path; they are asked too.
  return {
    recorded: u.recorded,
    entities: [...ids, ...namesOf(u.recorded, n), 'thing/none'],
    releases: u.releases.map((r) => r.id),
  }
})

const fromRandomLedger = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 3, max: 12 }))
  .map(([seed, size]): Ledger => ({
    recorded: randomLedger(seed, size),
    entities: entityPool,
    releases: Array.from({ length: size + 1 }, (_, i) => `r${i}` as ReleaseId),
  }))

const cutPlan = fc.record({
  kind: fc.integer({ min: 0, max: 4 }),
  pick: fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 3 }),
  day: fc.integer({ min: 1, max: 20 }),
  ledger: fc.option(fc.integer({ min: -1, max: 40 }), { nil: undefined }),
  allSources: fc.boolean(),
  entity: fc.nat({ max: 100 }),
})
type CutPlan = typeof cutPlan extends fc.Arbitrary<infer P> ? P : never

const queryOf = (l: Ledger, p: CutPlan): EntityQuery => {
  const release = (n: number): ReleaseId => l.releases[n % l.releases.length] as ReleaseId
  const cut: ReleaseCut =
    p.kind === 0
      ? { _tag: 'Latest' }
      : p.kind === 1
        ? { _tag: 'AsOfRelease', release: release(p.pick[0] ?? 0) }
        : p.kind === 2
          ? { _tag: 'AsOfDate', date: isoDate(`2020-01-${String(p.day).padStart(2, '0')}`) }
          : p.kind === 3
            ? { _tag: 'Progress', watched: p.pick.map(release) }
            : { _tag: 'AsOfRelease', release: 'no-such-release' as ReleaseId }
  const policy: CanonPolicy = p.allSources ? allSources : onScreenOnly
  return {
    entity: l.entities[p.entity % l.entities.length] ?? 'thing/none',
    cut,
    policy,
    ...(p.ledger === undefined ? {} : { ledgerPosition: BigInt(p.ledger) }),
  }
}

/** The fold path's answer over `recorded` (what the reader answered before the index). */
const folded = (recorded: ReadonlyArray<Recorded>, q: EntityQuery) => {
  const last = recorded[recorded.length - 1]?.position ?? -1n
  const at = q.ledgerPosition
  return entityAsOfIn(
    at === undefined || at >= last ? ledgerView(recorded) : ledgerView(recorded, at),
    q,
  )
}

const sameAnswers = (
  reader: LedgerReader,
  recorded: ReadonlyArray<Recorded>,
  queries: ReadonlyArray<EntityQuery>,
) => {
  for (const q of queries) {
    const indexed = reader.entityAsOf(q)
    const fold = folded(recorded, q)
    expect(indexed).toEqual(fold)
    expect(JSON.stringify(indexed)).toBe(JSON.stringify(fold))
  }
}

const ledgers = fc.oneof(fromUniverse, fromRandomLedger)
const runs = { numRuns: 150 }

describe('given random ledgers appended out of release order, with corrections', () => {
  describe('when an indexed reader answers entityAsOf at random cuts (release, date, progress; ledger position; both policies)', () => {
    it('then every answer equals the fold path answer, byte for byte', () => {
      fc.assert(
        fc.property(ledgers, fc.array(cutPlan, { minLength: 1, maxLength: 12 }), (l, plans) => {
          sameAnswers(
            readerOf(l.recorded),
            l.recorded,
            plans.map((p) => queryOf(l, p)),
          )
        }),
        runs,
      )
    })
  })

  describe('when the reader is extended with the events recorded after it (in one or two refreshes)', () => {
    it('then the extended reader answers as the fold of the whole ledger, and the old one still as the fold of its part', () => {
      fc.assert(
        fc.property(
          ledgers,
          fc.nat(),
          fc.nat(),
          fc.boolean(),
          fc.array(cutPlan, { minLength: 1, maxLength: 10 }),
          (l, a, b, askFirst, plans) => {
            const n = l.recorded.length
            const [first, second] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [
              number,
              number,
            ]
            const queries = plans.map((p) => queryOf(l, p))
            const head = l.recorded.slice(0, first)
            const base = readerOf(head)
            // Asking first builds the index at the old position; the refresh then extends it.
            if (askFirst) sameAnswers(base, head, queries)
            const middle = extendReader(base, l.recorded.slice(first, second))
            const whole = extendReader(middle, l.recorded.slice(second))
            sameAnswers(whole, l.recorded, queries)
            sameAnswers(middle, l.recorded.slice(0, second), queries)
            sameAnswers(base, head, queries)
          },
        ),
        runs,
      )
    })
  })

  describe('when the reader starts from a snapshot of the index at an earlier position, restored lazily', () => {
    it('then it answers as the fold of the whole ledger, names and misses included', () => {
      fc.assert(
        fc.property(
          ledgers,
          fc.nat(),
          fc.array(cutPlan, { minLength: 1, maxLength: 10 }),
          (l, a, plans) => {
            const taken = l.recorded.slice(0, a % (l.recorded.length + 1))
            const restored = fromSnapshot(toSnapshot(buildIndex(taken), crc32), crc32)
            if (E.isLeft(restored)) throw new Error(restored.left.reason)
            const queries = plans.map((p) => queryOf(l, p))
            const restoredReader = readerFromIndex(restored.right)
            // Lazily, as the snapshot stood; then extended with the events recorded since.
            sameAnswers(restoredReader, taken, queries)
            const whole = extendReader(restoredReader, l.recorded.slice(taken.length))
            sameAnswers(whole, l.recorded, queries)
            // Every other query reads its ledger view from the index too.
            const folded = readerOf(l.recorded)
            for (const q of queries) {
              const cut = {
                cut: q.cut,
                policy: q.policy,
                ...(q.ledgerPosition === undefined ? {} : { ledgerPosition: q.ledgerPosition }),
              }
              expect(whole.releases(cut)).toEqual(folded.releases(cut))
              expect(whole.timeline(cut)).toEqual(folded.timeline(cut))
              expect(whole.searchEntities({ ...cut, query: q.entity })).toEqual(
                folded.searchEntities({ ...cut, query: q.entity }),
              )
              expect(whole.history({ entity: q.entity, policy: q.policy })).toEqual(
                folded.history({ entity: q.entity, policy: q.policy }),
              )
            }
          },
        ),
        runs,
      )
    })
  })

  describe('when the index path is asked directly (ids, names, aliases, misses)', () => {
    it('then it answers most queries itself, each as the fold path does', () => {
      let answered = 0
      let asked = 0
      fc.assert(
        fc.property(
          fromRandomLedger,
          fc.array(cutPlan, { minLength: 1, maxLength: 12 }),
          (l, plans) => {
            const index = buildIndex(l.recorded)
            for (const q of plans.map((p) => queryOf(l, p))) {
              const view =
                q.ledgerPosition === undefined
                  ? ledgerView(l.recorded)
                  : ledgerView(l.recorded, q.ledgerPosition)
              const fold = entityAsOfIn(view, q)
              const fast = indexedEntityAsOf(index, cutKeysOf(view), q)
              asked++
              if (fast === undefined) continue
              answered++
              expect(JSON.stringify(fast)).toBe(JSON.stringify(fold))
            }
          },
        ),
        runs,
      )
      // Falls back only on an unknown cut release or a cycle of identifications.
      expect(answered).toBeGreaterThan(asked / 2)
    })
  })
})
