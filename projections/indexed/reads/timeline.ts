import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityId } from '../../../src/domain/ids'
import type { TimelineAnswer } from '../../port/answers'
import type { TimelineQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { timelineIdentity } from '../../port/identity'
import type { PagePlan, SortKey } from '../../port/page'
import { compareSortKeys, encodeCursor, planPage } from '../../port/page'
import { timelineEntryAnswer } from '../../answers/timeline'
import type { TimelineEntry } from '../../reference/timeline'
import { claimEntries, timelineKey } from '../../reference/timeline'
import type { At } from '../at'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { cutAnswerOf } from '../admission'
import type { ClaimAt } from '../claimFold'
import { claimAt, live } from '../claimFold'
import { entityAt, groupAt, rootAt } from '../entityFold'
import { keyAt, keyWidth, momentsOf } from '../moments'
import { claimStateOf } from '../views'
import { namingAt } from '../views'

const onlyOf = (at: At, q: TimelineQuery): E.Either<ReadError, ReadonlySet<number> | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map(
        ({ e }: { readonly e: number }): ReadonlySet<number> | undefined =>
          new Set(groupAt(at, rootAt(at, e)).map((m) => m.e)),
      )(resolveEntity(at, q.entity))

const liveClaim = (at: At, c: number): ClaimAt | undefined => {
  const s = claimAt(at, c)
  return s !== undefined && s.status === live && entityAt(at, s.subject) !== undefined
    ? s
    : undefined
}

/** A live claim's entries at the cut, by the reference's own rule (`claimEntries`). */
const entriesOfClaim = (at: At, s: ClaimAt): TimelineEntry[] => {
  const ix = at.a.ix
  return claimEntries(claimStateOf(ix, s), ix.entities.text(rootAt(at, s.subject)) as EntityId)
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
 * The whole timeline after the cursor: the places claims can take (moments.ts) in key order
 * from the cursor's, a key at a time: the live claims placed at a key give their entries at
 * that key (sorted by entity, predicate, claim and place within it).
 */
function* timelineFrom(at: At, after: SortKey | undefined): Generator<TimelineEntry> {
  const m = momentsOf(at.a.ix)
  const n = m.claim.length
  const entries = new Map<number, TimelineEntry[]>()
  const entriesOf = (c: number): TimelineEntry[] => {
    let known = entries.get(c)
    if (known === undefined) {
      const s = liveClaim(at, c)
      known = s === undefined ? [] : entriesOfClaim(at, s)
      entries.set(c, known)
    }
    return known
  }
  let p = 0
  if (after !== undefined) {
    const head = after.slice(0, keyWidth)
    let lo = 0
    let hi = n
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compareSortKeys(keyAt(m, mid), head) < 0) lo = mid + 1
      else hi = mid
    }
    p = lo
  }
  while (p < n) {
    const key = keyAt(m, p)
    const claims = new Set<number>()
    for (; p < n && compareSortKeys(keyAt(m, p), key) === 0; p++) claims.add(m.claim[p] as number)
    const group: TimelineEntry[] = []
    for (const c of claims)
      for (const e of entriesOf(c))
        if (compareSortKeys(timelineKey(e).slice(0, keyWidth), key) === 0 && isAfter(e, after))
          group.push(e)
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
