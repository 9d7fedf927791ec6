import type { LedgerView, RecordedCorrection, ReleaseView } from './ledgerView'
import type { TemporalIndex } from './temporalIndexTypes'
import { genAt } from './temporalIndexTypes'

/**
 * The ledger view at a ledger position, read from the index instead of folded from the events:
 * every release keeps its generations (its content from each position on, corrected as the
 * ledger stood there), so the view at `at` is each release's generation there. It equals
 * `ledgerView(events, at)` for the events the index was built from (a property spec holds
 * them together), and it works on a lazily restored index without reading its body: a
 * release's changes are parsed when a projection first reads them.
 */
export const ledgerViewAt = (ix: TemporalIndex, at?: bigint): LedgerView => {
  const position = at === undefined || at > BigInt(ix.position) ? ix.position : Number(at)
  const live: ReleaseView[] = []
  const withdrawn: ReleaseView[] = []
  for (const record of ix.releaseList) {
    const gen = genAt(record.gens, position)
    if (gen !== undefined) (gen.withdrawn ? withdrawn : live).push(gen.view)
  }
  live.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const corrections: RecordedCorrection[] = []
  for (const c of ix.corrections)
    if (c.position <= position)
      corrections.push({
        correction: c.correction,
        position: BigInt(c.position),
        recordedAt: c.recordedAt,
      })
  return {
    releases: live,
    withdrawn,
    corrections,
    position: position < 0 ? -1n : BigInt(position),
  }
}
