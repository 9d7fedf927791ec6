import { describe, expect, it } from 'vitest'
import { problemBase, problemOfAppError } from '../../../src/http/problems'

describe('given a store that is not there (a SQLite reader opened a missing file)', () => {
  it('when it reaches the HTTP shell, then it is a 503 store-unavailable problem that does not show the path', () => {
    const p = problemOfAppError({
      _tag: 'Store',
      error: {
        _tag: 'StoreMissing',
        store: 'sqlite:/var/secret/ledger.sqlite',
        location: '/var/secret/ledger.sqlite',
        reason: 'nothing has been appended there',
      },
    })
    expect(p).toMatchObject({ type: `${problemBase}store-unavailable`, status: 503 })
    expect(p.detail).not.toContain('/var/secret')
  })
})
