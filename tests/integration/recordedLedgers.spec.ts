import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { universeId } from '../../src/domain/ids'
import { allSources } from '../../src/domain/canonPolicy'
import { openLedger } from '../../src/main/openStore'
import { importLedger } from '../../src/app/exportImport'
import { readLedger } from '../../src/app/ledger'
import type { Recorded } from '../../src/domain/events'
import type { CanonReader } from '../../projections/port/reader'
import { referenceReader } from '../../projections/reference/reader'
import { indexedReader } from '../../projections/indexed/reader'

/**
 * Ledgers recorded by earlier versions (tests/fixtures, exported with `canon export`) load
 * unchanged: the event codecs are the storage format. Each is imported into a fresh store (the
 * whole hash chain verified) and read, and its answers are compared with those it gave when it
 * was recorded (tests/fixtures/reads), by the reference reader and by the indexed reader (the
 * one the app reads through). When a change of the answers' shape is intended, rewrite
 * them with `CANON_UPDATE_READS=1 npx vitest run tests/integration/recordedLedgers.spec.ts` and
 * review the difference.
 */
const fixtures = [
  { file: 'star-trek-session3', universe: 'star-trek' },
  { file: 'random-session3', universe: 'random' },
  { file: 'star-trek-read-port', universe: 'star-trek' },
  { file: 'generated-read-port', universe: 'generated' },
] as const

const dir = join(__dirname, '..', 'fixtures')

const imported = async (file: string, universe: string): Promise<ReadonlyArray<Recorded>> => {
  const deps = await openLedger({ store: { _tag: 'Memory' }, universe: universeId(universe) })()
  if (E.isLeft(deps)) throw new Error('the memory store did not open')
  const text = readFileSync(join(dir, `${file}.ndjson`), 'utf8')
  const report = await importLedger(deps.right, `${file}.ndjson`, text)()
  if (E.isLeft(report)) throw new Error(JSON.stringify(report.left))
  const events = await readLedger(deps.right)()
  if (E.isLeft(events)) throw new Error(JSON.stringify(events.left))
  return events.right
}

/** Every entity's canon, the whole audit, the timeline and the catalog, with every tier. */
const readsOf = (
  events: ReadonlyArray<Recorded>,
  open: (events: ReadonlyArray<Recorded>) => CanonReader,
): unknown => {
  const reader = open(events)
  const at = { release: { _tag: 'Latest' as const }, policy: allSources }
  const entities = [
    ...new Set(
      events.flatMap((r) =>
        r.event._tag === 'ReleaseRecorded'
          ? r.event.changes.flatMap((c) => (c._tag === 'Introduced' ? [c.entity] : []))
          : [],
      ),
    ),
  ].sort()
  return JSON.parse(
    JSON.stringify(
      {
        entities: Object.fromEntries(entities.map((e) => [e, reader.entity({ entity: e, at })])),
        history: reader.history({ at, page: { limit: 1000 } }),
        timeline: reader.timeline({ at, page: { limit: 1000 } }),
        releases: reader.releases({ at, page: { limit: 1000 } }),
      },
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
    ),
  ) as unknown
}

describe('given ledgers recorded by earlier versions of canon-ledger', () => {
  for (const { file, universe } of fixtures)
    describe(`when ${file}.ndjson is imported into an empty store and read`, () => {
      it('then its chain verifies, every event decodes, and every read of either reader answers as when it was recorded', async () => {
        const events = await imported(file, universe)
        expect(events.length).toBeGreaterThan(0)
        const reads = readsOf(events, referenceReader)
        const golden = join(dir, 'reads', `${file}.json`)
        if (process.env['CANON_UPDATE_READS'] === '1')
          writeFileSync(golden, `${JSON.stringify(reads)}\n`)
        const recorded: unknown = JSON.parse(readFileSync(golden, 'utf8'))
        expect(reads).toEqual(recorded)
        expect(readsOf(events, indexedReader)).toEqual(recorded)
      })
    })
})
