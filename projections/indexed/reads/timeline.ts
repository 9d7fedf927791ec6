import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { ClaimId, EntityId, Predicate, ReleaseId } from '../../../src/domain/ids'
import type { InUniverseTime } from '../../../src/domain/inUniverseTime'
import type { TimelineAnswer } from '../../port/answers'
import type { TimelineQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { timelineIdentity } from '../../port/identity'
import type { PagePlan, SortKey } from '../../port/page'
import { compareSortKeys, encodeCursor, planPage } from '../../port/page'
import { timelineEntryAnswer } from '../../answers/timeline'
import type { TimelineEntry } from '../../reference/timeline'
import { timelineKey } from '../../reference/timeline'
import type { At } from '../at'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { cutAnswerOf } from '../admission'
import type { ClaimAt } from '../claimFold'
import { claimAt, live } from '../claimFold'
import { entityAt, groupAt, rootAt } from '../entityFold'
import { anchors, momentsOf, timesOfValue } from '../moments'
import { namingAt } from '../views'

const onlyOf = (at: At, q: TimelineQuery): E.Either<ReadError, ReadonlySet<number> | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map(
        ({ e }: { readonly e: number }): ReadonlySet<number> | undefined =>
          new Set(groupAt(at, rootAt(at, e)).map((m) => m.e)),
      )(resolveEntity(at, q.entity))

/** The release that gave the claim its current value (reference/timeline.ts `sourceOfValue`). */
const sourceOf = (at: At, s: ClaimAt): ReleaseId => {
  for (let i = s.steps.length - 3; i >= 0; i -= 3)
    if (s.steps[i + 2] === 0 || s.steps[i + 2] === 2)
      return at.a.ix.releaseIds.text(at.a.ix.rowRelease.get(s.steps[i] as number)) as ReleaseId
  return at.a.ix.releaseIds.text(at.a.ix.rowRelease.get(s.steps[0] as number)) as ReleaseId
}

/** A claim's entry for one of its moments at the cut. */
const entryOf = (
  at: At,
  s: ClaimAt,
  anchor: number,
  item: number,
  time: InUniverseTime,
): TimelineEntry => {
  const ix = at.a.ix
  const valid = s.valid < 0 ? undefined : ix.values.validities.get(s.valid)
  const value = ix.values.value(s.value)
  const before = valid?.from === undefined ? 0 : 1
  const seq = anchor === 0 ? 0 : anchor === 1 ? before + item : before + timesOfValue(value).length
  return {
    time,
    anchor: anchors[anchor] ?? 'value',
    entity: ix.entities.text(rootAt(at, s.subject)) as EntityId,
    subject: ix.entities.text(s.subject) as EntityId,
    predicate: ix.predicates.text(s.predicate) as Predicate,
    claim: ix.claims.text(s.c) as ClaimId,
    seq,
    value,
    ...(valid?.note === undefined ? {} : { validityNote: valid.note }),
    source: sourceOf(at, s),
  }
}

/** Every entry of a claim at the cut, in its own order (validity from, value times, until). */
const entriesOfClaim = (at: At, s: ClaimAt): TimelineEntry[] => {
  const ix = at.a.ix
  const valid = s.valid < 0 ? undefined : ix.values.validities.get(s.valid)
  return [
    ...(valid?.from === undefined ? [] : [entryOf(at, s, 0, 0, valid.from)]),
    ...timesOfValue(ix.values.value(s.value)).map((time, i) => entryOf(at, s, 1, i, time)),
    ...(valid?.until === undefined ? [] : [entryOf(at, s, 2, 0, valid.until)]),
  ]
}

const liveClaim = (at: At, c: number): ClaimAt | undefined => {
  const s = claimAt(at, c)
  return s !== undefined && s.status === live && entityAt(at, s.subject) !== undefined
    ? s
    : undefined
}

const byKey = (x: TimelineEntry, y: TimelineEntry) =>
  compareSortKeys(timelineKey(x), timelineKey(y))

const isAfter = (e: TimelineEntry, after: SortKey | undefined) =>
  after === undefined || compareSortKeys(timelineKey(e), after) > 0

/** An entity group's entries: its claims' entries, sorted. */
const groupEntries = (at: At, only: ReadonlySet<number>): TimelineEntry[] => {
  const ix = at.a.ix
  const out: TimelineEntry[] = []
  for (const m of only)
    for (const c of new Set(ix.entityAsserts.items(m).map((row) => ix.rowA.get(row)))) {
      const s = liveClaim(at, c)
      if (s !== undefined && only.has(s.subject)) out.push(...entriesOfClaim(at, s))
    }
  return out.sort(byKey)
}

/**
 * The whole timeline after the cursor: the moments in time order from the cursor's time,
 * keeping those of rows that give their claims' current value or validity at the cut, a
 * group of equal times at a time (sorted by entity, predicate and claim within it).
 */
function* timelineFrom(at: At, after: SortKey | undefined): Generator<TimelineEntry> {
  const ix = at.a.ix
  const m = momentsOf(ix)
  const n = m.row.length
  const keyAt = (p: number): SortKey => Array.from(m.keys.subarray(5 * p, 5 * p + 5))
  let p = 0
  if (after !== undefined) {
    const head = after.slice(0, 5)
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareSortKeys(keyAt(mid), head) < 0) lo = mid + 1
      else hi = mid
    }
    p = lo
  }
  while (p < n) {
    const group: TimelineEntry[] = []
    const key = keyAt(p)
    for (; p < n && compareSortKeys(keyAt(p), key) === 0; p++) {
      const row = m.row[p] as number
      const s = liveClaim(at, ix.rowA.get(row))
      if (s === undefined) continue
      const anchor = m.anchor[p] as number
      const [source, gen] = anchor === 1 ? [s.valueRow, s.valueGen] : [s.validRow, s.validGen]
      if (source !== row || (ix.genChanges.has(gen) ? gen : -1) !== m.variant[p]) continue
      const entry = entryOf(at, s, anchor, m.item[p] as number, m.times[p] as InUniverseTime)
      if (isAfter(entry, after)) group.push(entry)
    }
    yield* group.sort(byKey)
  }
}

const pageOfEntries = (
  entries: Iterable<TimelineEntry>,
  plan: PagePlan,
): { readonly items: TimelineEntry[]; readonly more: boolean } => {
  const items: TimelineEntry[] = []
  for (const e of entries) {
    if (items.length === plan.limit) return { items, more: true }
    items.push(e)
  }
  return { items, more: false }
}

/** The in-universe chronology of what is known at a cut, a page at a time. */
export const timelineRead = (b: Basis, q: TimelineQuery): E.Either<ReadError, TimelineAnswer> =>
  pipe(
    E.Do,
    E.bind('plan', () => planPage(q.page, timelineIdentity(q), b.head)),
    E.bind('at', ({ plan }) =>
      atCut(b, {
        ...q.at,
        ...(plan.position === undefined ? {} : { ledgerPosition: plan.position }),
      }),
    ),
    E.bind('only', ({ at }) => onlyOf(at, q)),
    E.map(({ plan, at, only }): TimelineAnswer => {
      const page = pageOfEntries(
        only === undefined
          ? timelineFrom(at, plan.after)
          : groupEntries(at, only).filter((e) => isAfter(e, plan.after)),
        plan,
      )
      const last = page.items[page.items.length - 1]
      const naming = namingAt(at)
      return {
        at: cutAnswerOf(at.a),
        entries: page.items.map((e) => timelineEntryAnswer(naming, e)),
        page: {
          limit: plan.limit,
          next:
            page.more && last !== undefined
              ? encodeCursor(timelineIdentity(q), at.a.position, timelineKey(last))
              : null,
        },
      }
    }),
  )
