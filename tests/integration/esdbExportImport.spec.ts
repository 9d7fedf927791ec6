import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import type { EventStore } from '../../src/store/port'
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
  // The store's own integrity check is SQLite's alone: the chain is what must survive.
  const { integrity: _integrity, ...verified } = await right(verifyLedger(deps), describeAppError)
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
      expect(intoEsdb).toMatchObject({
        imported: source.lines.length,
        alreadyThere: 0,
        head: source.verified.head,
      })
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

/** The store, with its `nth` append (counted from 1) failing as if the server went away. */
const failingAppend = (store: EventStore, nth: number): EventStore => {
  let appends = 0
  return {
    ...store,
    appendToStream: (stream, expected, events) => {
      appends += 1
      return appends === nth
        ? TE.left({ _tag: 'Unavailable', store: store.description, reason: 'connection reset' })
        : store.appendToStream(stream, expected, events)
    },
  }
}

describe('given an EventStoreDB whose appends are limited to 100 kB, and the bundled ledger and catalog exported', () => {
  const smallServers: StandIn[] = []
  const givenSmallServer = async () => {
    const server = await startStandIn({ maxAppendSize: 100_000 })
    smallServers.push(server)
    return server
  }
  afterAll(async () => {
    await Promise.all(smallServers.map((s) => s.stop()))
  })

  const exported = async () => {
    const sqlite = depsOver(await openSqlite(join(dir.dir, `chunks-${Date.now()}.sqlite`)))
    try {
      await givenBundledArc(sqlite)
      await importBundledCatalog(sqlite)
      return await fingerprint(sqlite)
    } finally {
      await sqlite.store.close()
    }
  }

  it('when it is imported, then it lands in appends under the limit, as one ledger equal to the source', async () => {
    const source = await exported()
    expect(source.lines.join('\n').length).toBeGreaterThan(200_000)
    const small = await givenSmallServer()
    const esdb = depsOver(esdbStore(small.connectionString, { maxAppendBytes: 90_000 }))
    try {
      const report = await right(
        importLedger(esdb, 'export.ndjson', source.lines.join('\n')),
        describeAppError,
      )
      expect(report.imported).toBe(source.lines.length)
      expect(report.appends).toBeGreaterThan(2)
      const moved = await fingerprint(esdb)
      expect(moved.lines).toEqual(source.lines)
      expect(moved.verified).toEqual(source.verified)
    } finally {
      await esdb.store.close()
    }
  })

  it('when the import fails midway, then running it again resumes after what landed, and a third run writes nothing', async () => {
    const source = await exported()
    const text = source.lines.join('\n')
    const universe = 'star-trek'
    const small = await givenSmallServer()
    const store = esdbStore(small.connectionString, { maxAppendBytes: 90_000 })
    try {
      const broken = depsOver(failingAppend(store, 2), universe)
      const first = await importLedger(broken, 'export.ndjson', text)()
      expect(E.isLeft(first) && first.left._tag).toBe('Store')
      const partial = await right(readLedger(depsOver(store, universe)), describeAppError)
      expect(partial.length).toBeGreaterThan(0)
      expect(partial.length).toBeLessThan(source.lines.length)

      const again = await right(
        importLedger(depsOver(store, universe), 'export.ndjson', text),
        describeAppError,
      )
      expect(again).toMatchObject({
        alreadyThere: partial.length,
        imported: source.lines.length - partial.length,
      })
      const third = await right(
        importLedger(depsOver(store, universe), 'export.ndjson', text),
        describeAppError,
      )
      expect(third).toMatchObject({ imported: 0, alreadyThere: source.lines.length, appends: 0 })
      const whole = await fingerprint(depsOver(store, universe))
      expect(whole.lines.map((l) => JSON.parse(l) as { data: unknown })).toEqual(
        source.lines.map((l) => JSON.parse(l) as { data: unknown }),
      )
      expect(whole.verified.firstBreak).toBeUndefined()
    } finally {
      await store.close()
    }
  })
})
