import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityId, Predicate } from '../../../src/domain/ids'
import { claimOfChange } from '../../../src/domain/change'
import type { DiffAnswer } from '../../port/answers'
import type { DiffQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { invalidQuery } from '../../port/errors'
import { diffIdentity } from '../../port/identity'
import type { PagePlan } from '../../port/page'
import { encodeCursor, planPage } from '../../port/page'
import { releaseRef } from '../../answers/releaseRef'
import { diffChangeAnswer, factDiffAnswer } from '../../answers/diff'
import { entityRef } from '../../answers/values'
import type { DiffChange, FactAt, FactDiff } from '../../reference/diff'
import { changeOf, entityOfChange } from '../../reference/diff'
import { factStatus } from '../../reference/entityView'
import { diffKey } from '../../reference/reads/diff'
import type { At } from '../at'
import type { Basis } from '../basis'
import { atRelease, eventOf, resolveEntity } from '../basis'
import { admittedGen, admittedLive, cutAnswerOf, summaryOf } from '../admission'
import type { ClaimAt } from '../claimFold'
import { claimAround, claimAt } from '../claimFold'
import type { EntityAt } from '../entityFold'
import { entityAt, groupAt, parentAt, rootAt } from '../entityFold'
import { groupClaims } from '../groupClaims'
import { changeOfRow } from '../ingest'
import { orderKey } from '../ranks'
import { claimStateOf, namingAt, releaseViewAt } from '../views'
import type { PlacedRow } from '../ordered'
import { rowsInOrder, sortedRows } from '../ordered'
import type { ReleaseView } from '../../reference/ledgerView'

const checkForward = (a: At, b: At): E.Either<ReadError, void> => {
  const ix = a.a.ix
  for (const g of admittedLive(a.a)) {
    const r = ix.genRelease.get(g)
    const gb = admittedGen(b.a, r)
    if (gb < 0 || ix.genWithdrawn.get(gb) === 1)
      return E.left(
        invalidQuery(
          'from',
          `'from' must not reach past 'to': release '${ix.releaseIds.text(r)}' is in 'from' but not in 'to' (give the earlier cut first)`,
        ),
      )
  }
  return E.right(undefined)
}

/**
 * One change of a release B admits and A does not, as the diff reports it (the reference
 * diff's `changeOf`, given the claim just before and after it), or not at all.
 */
const diffChangeOf = (
  b: At,
  p: PlacedRow,
  members: ReadonlySet<number> | undefined,
  views: Map<number, ReleaseView>,
): DiffChange | undefined => {
  const ix = b.a.ix
  const { row, g } = p
  const r = ix.rowRelease.get(row)
  const key = orderKey(ix, b.a.d, row, g)
  const change = changeOfRow(ix, row, g)
  const claim = claimOfChange(change)
  const c = claim === undefined ? -1 : ix.claims.find(claim)
  const { before, after } = c < 0 ? { before: undefined, after: undefined } : claimAround(b, c, key)
  const subjectId = entityOfChange(change)
  const subject = subjectId !== undefined ? ix.entities.find(subjectId) : (after ?? before)?.subject
  if (subject === undefined) return undefined
  if (
    change._tag === 'Identified' &&
    parentAt(b, ix.entities.find(change.sameAs), key + 1) !== ix.entities.find(change.entity)
  )
    return undefined
  if (entityAt(b, subject) === undefined) return undefined
  const other = change._tag === 'Identified' ? ix.entities.find(change.sameAs) : -1
  if (members !== undefined && !members.has(subject) && !(other >= 0 && members.has(other)))
    return undefined
  const settled =
    change._tag === 'Revised'
      ? (change.settles ?? []).filter((s) => claimAt(b, ix.claims.find(s), key) !== undefined)
      : []
  let view = views.get(g)
  if (view === undefined) {
    view = releaseViewAt(b, r, g)
    views.set(g, view)
  }
  return changeOf(
    view,
    row - ix.releaseFirstRow.get(r),
    change,
    before === undefined ? undefined : claimStateOf(ix, before),
    after === undefined ? undefined : claimStateOf(ix, after),
    ix.entities.text(subject) as EntityId,
    settled,
  )
}

/** Every row that can report a change about a group at B: its own rows and its claims'. */
const groupRows = (b: At, members: ReadonlySet<number>): number[] => {
  const ix = b.a.ix
  const rows: number[] = []
  for (const m of members) {
    rows.push(...ix.entityRows.items(m))
    for (const c of new Set(ix.entityAsserts.items(m).map((x) => ix.rowA.get(x))))
      rows.push(...ix.claimRows.items(c))
  }
  return rows
}

/** A page of the changes B admits and A does not, after the cursor, and whether more follow. */
const changesOf = (
  a: At,
  b: At,
  members: ReadonlySet<number> | undefined,
  plan: PagePlan,
): { readonly items: DiffChange[]; readonly more: boolean } => {
  const ix = b.a.ix
  const keep = (g: number): boolean => {
    const r = ix.genRelease.get(g)
    if (admittedGen(b.a, r) !== g || ix.genWithdrawn.get(g) === 1) return false
    const ga = admittedGen(a.a, r)
    return ga < 0 || ix.genWithdrawn.get(ga) === 1
  }
  const rows =
    members === undefined
      ? rowsInOrder(b.a, keep, plan.after)
      : sortedRows(b.a, groupRows(b, members), keep, plan.after)
  const views = new Map<number, ReleaseView>()
  const items: DiffChange[] = []
  for (const p of rows) {
    const change = diffChangeOf(b, p, members, views)
    if (change === undefined) continue
    if (items.length === plan.limit) return { items, more: true }
    items.push(change)
  }
  return { items, more: false }
}

const factAt = (at: At, claims: ReadonlyArray<ClaimAt>): FactAt | undefined => {
  if (claims.length === 0) return undefined
  const states = claims.map((s) => claimStateOf(at.a.ix, s))
  return { status: factStatus(states), claims: states }
}

/** The members of a group (its members at B) that a state admits. */
const admittedOf = (at: At, members: ReadonlyArray<number>): EntityAt[] => {
  const admitted: EntityAt[] = []
  for (const m of members) {
    const state = entityAt(at, m)
    if (state !== undefined) admitted.push(state)
  }
  return admitted
}

/**
 * The facts a page's changes touch, at A and at B (reference/diffFacts.ts `factsOf`): the live
 * claims of the fact's predicate about the group's members at B that each state admits, in the
 * state's order (each member's block scanned for the predicate, only its claims folded).
 */
const factsOf = (a: At, b: At, changes: ReadonlyArray<DiffChange>): FactDiff[] => {
  const ix = b.a.ix
  const slots = new Map<string, { readonly root: number; readonly predicate: Predicate }>()
  for (const c of changes)
    if (c.predicate !== undefined) {
      const root = rootAt(b, ix.entities.find(c.entity))
      slots.set(`${ix.entities.text(root)} ${c.predicate}`, { root, predicate: c.predicate })
    }
  const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0)
  const groups = new Map<number, { readonly a: EntityAt[]; readonly b: EntityAt[] }>()
  const groupOf = (root: number) => {
    let known = groups.get(root)
    if (known === undefined) {
      const members = groupAt(b, root)
      known = {
        a: admittedOf(
          a,
          members.map((m) => m.e),
        ),
        b: [...members],
      }
      groups.set(root, known)
    }
    return known
  }
  return [...slots.values()]
    .sort(
      (x, y) =>
        byCodeUnits(ix.entities.text(x.root), ix.entities.text(y.root)) ||
        byCodeUnits(x.predicate, y.predicate),
    )
    .map(({ root, predicate }) => {
      const members = groupOf(root)
      const p = ix.predicates.find(predicate)
      return {
        entity: ix.entities.text(root) as EntityId,
        predicate,
        before: factAt(a, groupClaims(a, members.a, p)),
        after: factAt(b, groupClaims(b, members.b, p)),
      }
    })
}

/** What changed between two cuts at one policy and ledger position, a page of changes at a time. */
export const diffRead = (b: Basis, q: DiffQuery): E.Either<ReadError, DiffAnswer> =>
  pipe(
    E.Do,
    E.bind('plan', () => planPage(q.page, diffIdentity(q), b.head)),
    E.bind('k', ({ plan }) => eventOf(b, plan.position ?? q.ledgerPosition)),
    E.bind('a', ({ k }) => atRelease(b, k, q.from, q.policy, 'from')),
    E.bind('b', ({ k }) => atRelease(b, k, q.to, q.policy, 'to')),
    E.tap(({ a, b }) => checkForward(a, b)),
    E.bind('entity', ({ b }) =>
      q.entity === undefined
        ? E.right(undefined)
        : E.map((x: { readonly e: number }) => x.e as number | undefined)(
            resolveEntity(b, q.entity),
          ),
    ),
    E.map(({ plan, a, b, entity }): DiffAnswer => {
      const ix = b.a.ix
      const root = entity === undefined ? undefined : rootAt(b, entity)
      const members = root === undefined ? undefined : new Set(groupAt(b, root).map((m) => m.e))
      const page = changesOf(a, b, members, plan)
      const last = page.items[page.items.length - 1]
      const releases = [
        ...new Map(page.items.map((c) => [c.release.release.id, c.release])).values(),
      ]
      const namingA = namingAt(a)
      const namingB = namingAt(b)
      return {
        from: cutAnswerOf(a.a),
        to: cutAnswerOf(b.a),
        entity: root === undefined ? null : entityRef(namingB, ix.entities.text(root) as EntityId),
        releasesBetween: summaryOf(b.a).count - summaryOf(a.a).count,
        releases: releases.map((r) => releaseRef(r.release)),
        changes: page.items.map((c) => diffChangeAnswer(namingB, c)),
        facts: factsOf(a, b, page.items).map((f) => factDiffAnswer(namingA, namingB, f)),
        page: {
          limit: plan.limit,
          next:
            page.more && last !== undefined
              ? encodeCursor(diffIdentity(q), b.a.position, diffKey(last))
              : null,
        },
      }
    }),
  )
