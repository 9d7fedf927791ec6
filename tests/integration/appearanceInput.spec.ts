import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import type { LedgerDeps } from '../../src/app/ledger'
import { arcFiles, runCanon } from '../support/cliRun'
import {
  appOn,
  bearer,
  givenStarTrekLedger,
  post,
  problemType,
  storeContents,
  token,
} from './http/support'

/**
 * An appearance of an entity the ledger does not know is bad input, as every cut a read cannot
 * take is: exit 2 on the command line naming the file and the place, 400 over HTTP, and the
 * ledger exactly as it was.
 */
const release = {
  id: 'pic-s1e04',
  title: 'Absolute Candor',
  series: 'Star Trek: Picard',
  kind: 'episode',
  date: '2020-02-13',
  season: 1,
  episode: 4,
  changes: [{ appear: 'person/nobody-known', name: 'Nobody Known' }],
}

describe('given the bundled ledger, when a release shows an entity no release introduces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-appear-'))
  const store = join(dir, 'ledger.sqlite')
  let deps: LedgerDeps
  let app: Express
  beforeAll(async () => {
    expect((await runCanon([...['append', ...arcFiles], '--store', store])).code).toBe(0)
    deps = await givenStarTrekLedger()
    app = appOn(deps, { writeToken: token })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('then the command line refuses the file with exit 2, naming it, the change and the entity, and appends nothing', async () => {
    const file = join(dir, 'appearance.yaml')
    writeFileSync(
      file,
      'releases:\n  - id: pic-s1e04\n    title: Absolute Candor\n    series: "Star Trek: Picard"\n    kind: episode\n    date: 2020-02-13\n    season: 1\n    episode: 4\n    changes:\n      - appear: person/nobody-known\n        name: Nobody Known\n',
    )
    const before = (await runCanon(['export', '--store', store])).stdout
    const r = await runCanon(['append', file, '--store', store])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(file)
    expect(r.stderr).toMatch(/change 1: entity 'person\/nobody-known' cannot appear here/)
    expect(r.stderr).toContain('introduce it instead')
    expect((await runCanon(['export', '--store', store])).stdout).toBe(before)
  })

  it('then HTTP answers 400 naming the entity, and the store is unchanged', async () => {
    const before = await storeContents(deps.store)
    const res = await post(app, '/v1/releases', release, bearer)
    expect(res.status).toBe(400)
    expect(res.body.type).toBe(problemType('invalid-body'))
    expect(res.body.detail).toContain("entity 'person/nobody-known' cannot appear here")
    expect(await storeContents(deps.store)).toEqual(before)
  })
})
