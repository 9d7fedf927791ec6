import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { describeStoreChoice, resolveConfig } from '../../../src/main/config'
import { openStore } from '../../../src/main/openStore'

describe('given the configuration sources', () => {
  it('when nothing is set, then the default SQLite file and universe are used', () => {
    expect(resolveConfig({}, {})).toEqual(
      E.right({ store: { _tag: 'Sqlite', path: './canon-ledger.sqlite' }, universe: 'star-trek' }),
    )
  })

  it('when flags and environment both say, then flags win; the token comes from the environment', () => {
    expect(
      resolveConfig(
        { store: 'memory', universe: 'babylon-5' },
        { CANON_STORE: '/x.sqlite', CANON_UNIVERSE: 'other', CANON_TOKEN: 's3cret' },
      ),
    ).toEqual(E.right({ store: { _tag: 'Memory' }, universe: 'babylon-5', token: 's3cret' }))
    expect(resolveConfig({}, { CANON_STORE: 'esdb://localhost:2113?tls=false' })).toMatchObject(
      E.right({ store: { _tag: 'EventStoreDb' } }),
    )
  })

  it('when the universe is not a valid id, then it is refused with the rule', () => {
    expect(resolveConfig({ universe: 'Star Trek' }, {})).toMatchObject(
      E.left(expect.stringMatching(/not a valid id/)),
    )
  })

  it('when an esdb connection string carries credentials, then its description hides them', () => {
    expect(
      describeStoreChoice({
        _tag: 'EventStoreDb',
        connectionString: 'esdb://admin:changeit@db:2113?tls=false',
      }),
    ).toBe('esdb://***@db:2113')
  })

  it('when the memory store is chosen, then it opens', async () => {
    expect(E.isRight(await openStore({ _tag: 'Memory' })())).toBe(true)
  })
})
