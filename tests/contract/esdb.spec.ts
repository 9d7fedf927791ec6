import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeAppError } from '../../src/app/errors'
import { exportLedger } from '../../src/app/exportImport'
import { verifyLedger } from '../../src/app/verify'
import { esdbStore } from '../../src/store/esdb/esdbStore'
import { memoryStore } from '../../src/store/memory/memoryStore'
import { givenBundledArc } from '../support/bundledLedger'
import { depsOver, right } from '../support/esdbLedger'
import type { StandIn } from '../support/esdbStandIn'
import { startStandIn } from '../support/esdbStandIn'
import { describeEventStoreContract } from './eventStoreContract'

/**
 * The Mars Attack arc (the bundled ledger) appended through the app into EventStoreDB, in a
 * universe of its own: the chain verifies and the ledger is the one a memory store records.
 */
const describeMarsAttack = (name: string, connectionString: () => string): void => {
  describe(`given the Mars Attack arc appended into ${name}`, () => {
    it('when it is verified and exported, then the chain holds and it equals the same arc in memory', async () => {
      const universe = `mars-${randomUUID().slice(0, 8)}`
      const esdb = depsOver(esdbStore(connectionString()), universe)
      const memory = depsOver(memoryStore(), universe)
      try {
        await givenBundledArc(esdb)
        await givenBundledArc(memory)
        const verified = await right(verifyLedger(esdb), describeAppError)
        expect(verified.firstBreak).toBeUndefined()
        expect(verified.checked).toBeGreaterThan(4)
        expect(await right(exportLedger(esdb), describeAppError)).toEqual(
          await right(exportLedger(memory), describeAppError),
        )
      } finally {
        await esdb.store.close()
      }
    })
  })
}

/**
 * The store contract against the EventStoreDB adapter: always against the in-process stand-in
 * (test support, see tests/support/esdbStandIn), and against a real EventStoreDB when
 * ESDB_CONNECTION_STRING is set (`docker compose up eventstore`, then
 * ESDB_CONNECTION_STRING='esdb://127.0.0.1:2113?tls=false').
 */
describe('given the EventStoreDB stand-in', () => {
  let standIn: StandIn
  beforeAll(async () => {
    standIn = await startStandIn()
  })
  afterAll(async () => {
    await standIn.stop()
  })

  describeEventStoreContract('esdb (stand-in)', () => {
    const store = esdbStore(standIn.connectionString)
    return Promise.resolve({ store, cleanup: () => store.close() })
  })
  describeMarsAttack('the stand-in', () => standIn.connectionString)
})

const real = process.env['ESDB_CONNECTION_STRING']
if (real !== undefined && real !== '') {
  describeEventStoreContract('esdb (real server)', () => {
    const store = esdbStore(real)
    return Promise.resolve({ store, cleanup: () => store.close() })
  })
  describeMarsAttack('a real EventStoreDB', () => real)
} else {
  describe('given no real EventStoreDB', () => {
    it('then the contract and the Mars Attack scenario against a real server are not run: set ESDB_CONNECTION_STRING to run them', () => {
      console.info(
        'skipped: the EventStoreDB contract and Mars Attack scenario against a real server run only when ESDB_CONNECTION_STRING is set (e.g. esdb://127.0.0.1:2113?tls=false after `docker compose up eventstore`)',
      )
    })
  })
}
