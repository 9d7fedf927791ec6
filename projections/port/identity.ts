import { formatCanonPolicy } from '../../src/domain/canonPolicy'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import type { ReleaseCut } from './cut'
import type { DiffQuery, HistoryQuery, ReleasesQuery, TimelineQuery } from './queries'
import { fingerprintOf } from './page'

/**
 * What makes two paged queries the same query (everything but the page): a cursor issued for
 * one is refused by any other. Every reader takes its cursors' fingerprints from here.
 */
const identity = (read: string, parts: Record<string, unknown>): string =>
  fingerprintOf(
    JSON.stringify([
      read,
      Object.entries(parts)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v]),
    ]),
  )

const cutParts = (cut: ReleaseCut, policy: CanonPolicy, ledgerPosition?: bigint) => ({
  cut,
  policy: formatCanonPolicy(policy),
  ledgerPosition,
})

export const historyIdentity = (q: HistoryQuery): string =>
  identity('history', {
    ...cutParts(q.at.release, q.at.policy, q.at.ledgerPosition),
    entity: q.entity,
    predicate: q.predicate,
    claim: q.claim,
    changes: q.changes,
  })

export const diffIdentity = (q: DiffQuery): string =>
  identity('diff', {
    from: q.from,
    ...cutParts(q.to, q.policy, q.ledgerPosition),
    entity: q.entity,
  })

export const timelineIdentity = (q: TimelineQuery): string =>
  identity('timeline', {
    ...cutParts(q.at.release, q.at.policy, q.at.ledgerPosition),
    entity: q.entity,
  })

export const releasesIdentity = (q: ReleasesQuery): string =>
  identity('releases', {
    ...cutParts(q.at.release, q.at.policy, q.at.ledgerPosition),
    series: q.series?.toLowerCase(),
  })
