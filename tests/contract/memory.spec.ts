import { memoryStore } from '../../src/store/memory/memoryStore'
import { describeEventStoreContract } from './eventStoreContract'

describeEventStoreContract('memory', () => {
  const store = memoryStore()
  return Promise.resolve({ store, cleanup: () => store.close() })
})
