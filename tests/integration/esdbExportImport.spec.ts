import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeAppError } from '../../src/app/errors'
import { exportLedger, importLedger } from '../../src/app/exportImport'
import type { LedgerDeps } from '../../src/app/ledger'
import { readLedger } from '../../src/app/ledger'
import { verifyLedger } from '../../src/app/verify'
import { esdbStore } from '../../src/store/esdb/esdbStore'
import { givenBundledArc, importBundledCatalog } from '../support/bundledLedger'
import type { StandIn } from '../support/esdbStandIn'
import { startStandIn } from '../support/esdbStandIn'
import { depsOver, openSqlite, right, tempDir } from '../support/esdbLedger'

/** What must survive a move between stores: the export, byte for byte, and a whole chain. */
const fingerprint = async (deps: LedgerDeps) => {
  const lines = await right(exportLedger(deps), describeAppError)
  const verified = await right(verifyLedger(deps), describeAppError)
  const recorded = await right(readLedger(deps), describeAppError)
  return { lines, verified, recorded }
}

let standIn: StandIn
const dir = tempDir()
beforeAll(async () => {
  standIn = await startStandIn()
})
afterAll(async () => {
  await standIn.stop()
  dir.remove()
})

describe('given the bundled ledger and episode catalog in SQLite', () => {
  it('when exported, imported into EventStoreDB, exported again and imported into a new SQLite file, then events and hash chain are identical and verify passes everywhere', async () => {
    const sqlite = depsOver(await openSqlite(join(dir.dir, 'source.sqlite')))
    const esdb = depsOver(esdbStore(standIn.connectionString))
    const back = depsOver(await openSqlite(join(dir.dir, 'back.sqlite')))
    try {
      await givenBundledArc(sqlite)
      await importBundledCatalog(sqlite)
      const source = await fingerprint(sqlite)
      expect(source.verified.firstBreak).toBeUndefined()
      expect(source.lines.length).toBeGreaterThan(700)

      const intoEsdb = await right(
        importLedger(esdb, 'export.ndjson', source.lines.join('\n')),
        describeAppError,
      )
      expect(intoEsdb).toEqual({ imported: source.lines.length, head: source.verified.head })
      const inEsdb = await fingerprint(esdb)

      await right(importLedger(back, 'esdb.ndjson', inEsdb.lines.join('\n')), describeAppError)
      const roundTrip = await fingerprint(back)

      for (const moved of [inEsdb, roundTrip]) {
        expect(moved.lines).toEqual(source.lines)
        expect(moved.verified).toEqual(source.verified)
        expect(moved.recorded).toEqual(source.recorded)
      }
    } finally {
      await Promise.all([sqlite.store.close(), esdb.store.close(), back.store.close()])
    }
  })
})
