import type { Recorded } from '../../src/domain/events'
import type { CanonReader } from '../port/reader'
import { entityRead } from './reads/entity'
import { searchRead } from './reads/search'
import { historyRead } from './reads/history'
import { diffRead } from './reads/diff'
import { timelineRead } from './reads/timeline'
import { releasesRead } from './reads/releases'

/**
 * THE definition of canon: a reader that answers every read by folding exactly the recorded
 * events its cut admits, from scratch, each time. No cache, no index: slow, and written to be
 * read. Every faster reader must give its answers, field for field.
 */
export const referenceReader = (events: ReadonlyArray<Recorded>): CanonReader => {
  const last = events[events.length - 1]
  const head = last?.position ?? -1n
  return {
    head: { position: head, hash: last?.hash ?? '' },
    entity: (q) => entityRead(events, head, q),
    search: (q) => searchRead(events, head, q),
    history: (q) => historyRead(events, head, q),
    diff: (q) => diffRead(events, head, q),
    timeline: (q) => timelineRead(events, head, q),
    releases: (q) => releasesRead(events, head, q),
    extend: (later) => referenceReader([...events, ...later.filter((e) => e.position > head)]),
  }
}
