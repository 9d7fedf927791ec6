import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { AuthoringFile } from '../../../src/app/appendFiles'
import { appendFiles } from '../../../src/app/appendFiles'
import { exportLedger, importLedger } from '../../../src/app/exportImport'
import type { LedgerDeps } from '../../../src/app/ledger'
import { verifyLedger } from '../../../src/app/verify'
import { universeId } from '../../../src/domain/ids'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import { canonReaders } from '../../../src/main/openStore'

const deps = (): LedgerDeps => ({
  store: memoryStore(),
  universe: universeId('test'),
  clock: () => new Date('2026-01-01T00:00:00Z'),
  hash: (s) => createHash('sha256').update(s).digest('hex'),
  readers: canonReaders,
})

const premiere: AuthoringFile = {
  source: 'premiere.yaml',
  text: `id: s1e01
title: Premiere
series: Show
kind: episode
date: 2020-01-01
season: 1
episode: 1
changes:
  - introduce: event/attack
    name: The Attack
  - assert: attack.casualties
    subject: event/attack
    predicate: casualties
    value: { atLeast: 1000 }
`,
}

const finale: AuthoringFile = {
  source: 'finale.yaml',
  text: `releases:
  - id: s1e10
    title: Finale
    series: Show
    kind: episode
    date: 2020-03-01
    season: 1
    episode: 10
    changes:
      - revise: attack.casualties
        kind: refinement
        value: { exact: 1234 }
corrections:
  - id: fix-premiere-title
    release: s1e01
    set: { title: The Premiere }
    reason: typo
`,
}

const exported = async (d: LedgerDeps): Promise<ReadonlyArray<string>> => {
  const r = await exportLedger(d)()
  if (E.isLeft(r)) throw new Error('export failed')
  return r.right
}

describe('given an empty ledger', () => {
  it('when files are given out of release order, then all are appended in one batch, counted per file', async () => {
    const d = deps()
    const r = await appendFiles(d, [finale, premiere])()
    expect(r).toEqual(
      E.right({
        files: [
          { source: 'finale.yaml', appended: 2, unchanged: 0 },
          { source: 'premiere.yaml', appended: 1, unchanged: 0 },
        ],
        positions: { first: 0n, last: 2n },
      }),
    )
    expect((await exported(d)).length).toBe(3)
  })

  it('when the same release appears twice in one batch, then it is appended once and counted unchanged once', async () => {
    const d = deps()
    const r = await appendFiles(d, [premiere, { ...premiere, source: 'copy.yaml' }])()
    expect(E.map((x: { files: unknown }) => x.files)(r)).toEqual(
      E.right([
        { source: 'premiere.yaml', appended: 1, unchanged: 0 },
        { source: 'copy.yaml', appended: 0, unchanged: 1 },
      ]),
    )
  })

  it('when any file is invalid, then the problems of every invalid file are returned and nothing is appended', async () => {
    const d = deps()
    const bad1 = { source: 'bad1.yaml', text: 'releases: [{ id: X }]\n' }
    const bad2 = { source: 'bad2.yaml', text: 'corrections: 3\n' }
    const r = await appendFiles(d, [premiere, bad1, bad2])()
    expect(E.isLeft(r)).toBe(true)
    if (E.isLeft(r))
      expect(r.left.map((e) => (e._tag === 'InvalidInput' ? e.source : e._tag))).toEqual([
        'bad1.yaml',
        'bad2.yaml',
      ])
    expect(await exported(d)).toEqual([])
  })

  it('when a release refers to an entity no file introduces, then the batch is refused naming the file', async () => {
    const d = deps()
    const r = await appendFiles(d, [finale])()
    expect(E.isLeft(r)).toBe(true)
    if (E.isLeft(r)) expect(r.left[0]).toMatchObject({ _tag: 'Domain', source: 'finale.yaml' })
    expect(await exported(d)).toEqual([])
  })

  it('when corrections-only mode is given releases, then it is refused', async () => {
    const d = deps()
    const r = await appendFiles(d, [premiere], 'corrections-only')()
    expect(E.isLeft(r)).toBe(true)
    expect(await exported(d)).toEqual([])
  })
})

describe('given a recorded ledger', () => {
  it('when it is exported and imported into another empty store, then the chain and export are identical', async () => {
    const a = deps()
    await appendFiles(a, [premiere, finale])()
    const lines = await exported(a)
    const b = deps()
    const imported = await importLedger(b, 'export.ndjson', lines.join('\n'))()
    expect(E.isRight(imported)).toBe(true)
    expect(await exported(b)).toEqual(lines)
    const [va, vb] = [await verifyLedger(a)(), await verifyLedger(b)()]
    expect(va).toEqual(vb)
    expect(E.map((v: { firstBreak?: unknown }) => v.firstBreak)(vb)).toEqual(E.right(undefined))
  })

  it('when an export is imported into another universe, then its chain does not hold there and nothing is written', async () => {
    const a = deps()
    await appendFiles(a, [premiere])()
    const lines = await exported(a)
    const other: LedgerDeps = { ...deps(), universe: universeId('elsewhere') }
    const r = await importLedger(other, 'export.ndjson', lines.join('\n'))()
    expect(E.isLeft(r)).toBe(true)
    expect(await exported(other)).toEqual([])
  })

  it('when an export has a line that is not JSON or drops an event, then the line or position is named', async () => {
    const a = deps()
    await appendFiles(a, [premiere, finale])()
    const lines = await exported(a)
    const notJson = await importLedger(deps(), 'x.ndjson', `${lines[0]}\n{oops\n`)()
    expect(notJson).toMatchObject({
      left: { _tag: 'InvalidInput', problems: ['line 2: not a JSON object'] },
    })
    const dropped = await importLedger(deps(), 'x.ndjson', [lines[0], lines[2]].join('\n'))()
    expect(E.isLeft(dropped) && JSON.stringify(dropped.left)).toMatch(/position 1/)
  })
})
