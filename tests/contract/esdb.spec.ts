import { afterAll, beforeAll, describe, it } from 'vitest'
import { esdbStore } from '../../src/store/esdb/esdbStore'
import type { StandIn } from '../support/esdbStandIn'
import { startStandIn } from '../support/esdbStandIn'
import { describeEventStoreContract } from './eventStoreContract'

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
})

const real = process.env['ESDB_CONNECTION_STRING']
if (real !== undefined && real !== '') {
  describeEventStoreContract('esdb (real server)', () => {
    const store = esdbStore(real)
    return Promise.resolve({ store, cleanup: () => store.close() })
  })
} else {
  describe('given no real EventStoreDB', () => {
    it('then the contract against a real server is not run: set ESDB_CONNECTION_STRING to run it', () => {
      console.info(
        'skipped: the EventStoreDB contract against a real server runs only when ESDB_CONNECTION_STRING is set (e.g. esdb://127.0.0.1:2113?tls=false after `docker compose up eventstore`)',
      )
    })
  })
}
