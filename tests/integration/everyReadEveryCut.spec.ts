import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { cutParams } from '../../src/http/queryCodecs'
import { readRoutes } from '../../src/http/routes/reads'
import type { SnapshotSource } from '../../src/http/snapshot'
import { computed } from '../../src/http/representationCache'
import { registerQueries } from '../../src/cli/commands/queries'
import type { CliContext } from '../../src/cli/context'
import type { Ran } from '../support/cliRun'
import { arcFiles, capturedIo, runCanon } from '../support/cliRun'
import { appOn, get, givenStarTrekLedger } from './http/support'

/**
 * "Every read takes every cut" (README, Concepts: cuts), held route by route and command by
 * command: the latest release, a release, a date, a date in a region, a watched set, a range,
 * a ledger position and a canon policy, each answered at exactly the cut asked for; and each
 * kind of bad cut refused the same way everywhere, naming what was wrong, the ledger unchanged.
 */
const dir = mkdtempSync(join(tmpdir(), 'canon-cuts-'))
const store = join(dir, 'ledger.sqlite')
const on = (...argv: ReadonlyArray<string>): Promise<Ran> => runCanon([...argv, '--store', store])

/** Each cut as flags, and the cut every answer must say it stands at. */
const cliCuts: ReadonlyArray<{ readonly flags: ReadonlyArray<string>; readonly cut: unknown }> = [
  { flags: [], cut: { _tag: 'Latest' } },
  { flags: ['--as-of', 'pic-s1e02'], cut: { _tag: 'AsOfRelease', release: 'pic-s1e02' } },
  { flags: ['--as-of-date', '2020-02-01'], cut: { _tag: 'AsOfDate', date: '2020-02-01' } },
  {
    flags: ['--as-of-date', '2024-03-22', '--region', 'France'],
    cut: { _tag: 'AsOfDate', date: '2024-03-22', region: 'France' },
  },
  {
    flags: ['--watched', 'st-children-of-mars,pic-s1e02'],
    cut: {
      _tag: 'Watched',
      items: [
        { _tag: 'Release', release: 'st-children-of-mars' },
        { _tag: 'Release', release: 'pic-s1e02' },
      ],
    },
  },
  {
    flags: ['--watched', 'st-children-of-mars,..pic-s1e03'],
    cut: {
      _tag: 'Watched',
      items: [
        { _tag: 'Release', release: 'st-children-of-mars' },
        { _tag: 'Range', to: 'pic-s1e03' },
      ],
    },
  },
  { flags: ['--ledger-position', '3'], cut: { _tag: 'Latest' } },
  { flags: ['--canon', 'all'], cut: { _tag: 'Latest' } },
]

/** Every read command, with what it needs besides the cut, and the answer's cut(s). */
const cliReads: ReadonlyArray<{
  readonly argv: ReadonlyArray<string>
  readonly at: (answer: Record<string, unknown>) => unknown
}> = [
  { argv: ['show', 'event/mars-attack'], at: (a) => a.at },
  { argv: ['search', 'mars'], at: (a) => a.at },
  { argv: ['history', 'event/mars-attack'], at: (a) => a.at },
  { argv: ['history', 'event/mars-attack', 'perpetrator'], at: (a) => a.at },
  { argv: ['history', '--claim', 'mars-attack.perpetrator'], at: (a) => a.at },
  { argv: ['history'], at: (a) => a.at },
  { argv: ['revisions'], at: (a) => a.at },
  { argv: ['timeline'], at: (a) => a.at },
  { argv: ['releases'], at: (a) => a.at },
  { argv: ['replay'], at: (a) => a.at },
]

/** The JSON answer a command printed; for a paged read (one answer per line), the first page. */
const firstAnswer = (r: Ran): Record<string, unknown> => {
  const lines = r.stdout.split('\n').filter((l) => l.trim() !== '')
  const text = lines.length > 1 && lines[0]?.startsWith('{"') === true ? lines[0] : r.stdout
  return JSON.parse(text) as Record<string, unknown>
}

const exported = async (): Promise<string> => {
  const r = await on('export')
  expect(r.code).toBe(0)
  return r.stdout
}

beforeAll(async () => {
  const r = await on('append', ...arcFiles)
  expect(r.code, r.stderr).toBe(0)
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('given the bundled arc in a SQLite file, on the command line', () => {
  it('when every read command is asked at every kind of cut, then each answers at exactly that cut', async () => {
    for (const read of cliReads)
      for (const { flags, cut } of cliCuts) {
        const r = await on(...read.argv, ...flags, '--json')
        const label = [...read.argv, ...flags].join(' ')
        expect(r.code, `${label}: ${r.stderr}`).toBe(0)
        const at = read.at(firstAnswer(r)) as {
          cut: unknown
          ledgerPosition: string
          policy: string
        }
        expect(at.cut, label).toEqual(cut)
        if (flags.includes('--ledger-position')) expect(at.ledgerPosition, label).toBe('3')
        if (flags.includes('--canon')) expect(at.policy, label).toBe('all')
      }
  })

  it('when a diff is asked between any two kinds of cut, then each end is the cut asked for', async () => {
    for (const [from, to, fromCut, toCut] of [
      ['start', 'latest', { _tag: 'AsOfDate', date: '0000-01-01' }, { _tag: 'Latest' }],
      [
        'pic-s1e01',
        '2020-03-01',
        { _tag: 'AsOfRelease', release: 'pic-s1e01' },
        { _tag: 'AsOfDate', date: '2020-03-01' },
      ],
      [
        'watched:st-children-of-mars',
        'watched:st-children-of-mars,pic-s1e08',
        { _tag: 'Watched', items: [{ _tag: 'Release', release: 'st-children-of-mars' }] },
        {
          _tag: 'Watched',
          items: [
            { _tag: 'Release', release: 'st-children-of-mars' },
            { _tag: 'Release', release: 'pic-s1e08' },
          ],
        },
      ],
    ] as const) {
      const r = await on('diff', from, to, '--json')
      expect(r.code, `${from} ${to}: ${r.stderr}`).toBe(0)
      const answer = firstAnswer(r) as { from: { cut: unknown }; to: { cut: unknown } }
      expect(answer.from.cut).toEqual(fromCut)
      expect(answer.to.cut).toEqual(toCut)
    }
    const regional = await on('diff', '2024-03-21', '2024-03-22', '--region', 'France', '--json')
    expect(firstAnswer(regional)).toMatchObject({
      to: { cut: { _tag: 'AsOfDate', date: '2024-03-22', region: 'France' } },
      releasesBetween: 2,
    })
  })

  it('when a cut is bad, then every read refuses it with exit 2 and one line naming the flag, and the ledger is unchanged', async () => {
    const before = await exported()
    const bad: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
      [['--watched', 'st-children-of-mars,pic-s9e99'], /--watched: release 'pic-s9e99' not found/],
      [['--watched', ','], /--watched ',': an empty item/],
      [['--watched', 'st-children-of-mars..pic-s1e02'], /--watched: the range .* spans two series/],
      [['--watched', 'pic-s1e03..pic-s1e01'], /--watched: the range .* runs backwards/],
      [['--ledger-position', '999'], /--ledger-position: position 999 is past the ledger's head/],
      [['--as-of-date', '2024-04-01', '--region', 'Mars'], /--region: 'Mars' is not a region/],
    ]
    for (const read of cliReads)
      for (const [flags, says] of bad) {
        const r = await on(...read.argv, ...flags)
        const label = [...read.argv, ...flags].join(' ')
        expect(r.code, label).toBe(2)
        expect(r.stdout, label).toBe('')
        expect(r.stderr, label).toMatch(says)
        expect(r.stderr.trim().split('\n'), label).toHaveLength(1)
      }
    expect(await exported()).toBe(before)
  })

  it('then every command that reads canon declares every cut flag', () => {
    const program = new Command()
    const ctx = { io: capturedIo().io, wiring: {} } as unknown as CliContext
    registerQueries(program, ctx, () => undefined)
    const reads = program.commands.filter((c) => c.name() !== 'diff')
    expect(reads.map((c) => c.name()).sort()).toEqual(
      ['history', 'releases', 'revisions', 'search', 'show', 'timeline'].sort(),
    )
    for (const command of reads)
      for (const flag of [
        '--as-of',
        '--as-of-date',
        '--region',
        '--watched',
        '--ledger-position',
        '--canon',
      ])
        expect(
          command.options.map((o) => o.long),
          `${command.name()} ${flag}`,
        ).toContain(flag)
  })
})

describe('given the bundled arc served over HTTP', () => {
  let app: Express
  beforeAll(async () => {
    app = appOn(await givenStarTrekLedger())
  })

  const httpCuts: ReadonlyArray<{ readonly query: string; readonly cut: unknown }> = [
    { query: '', cut: { _tag: 'Latest' } },
    { query: 'release=pic-s1e02', cut: { _tag: 'AsOfRelease', release: 'pic-s1e02' } },
    { query: 'date=2020-02-01', cut: { _tag: 'AsOfDate', date: '2020-02-01' } },
    {
      query: 'date=2024-03-22&region=France',
      cut: { _tag: 'AsOfDate', date: '2024-03-22', region: 'France' },
    },
    {
      query: 'watched=st-children-of-mars,..pic-s1e03',
      cut: {
        _tag: 'Watched',
        items: [
          { _tag: 'Release', release: 'st-children-of-mars' },
          { _tag: 'Range', to: 'pic-s1e03' },
        ],
      },
    },
    { query: 'ledgerPosition=3', cut: { _tag: 'Latest' } },
    { query: 'canon=all', cut: { _tag: 'Latest' } },
  ]

  const httpReads = [
    '/v1/entities/event/mars-attack',
    '/v1/canon?entity=Mars%20Attack',
    '/v1/search?q=mars',
    '/v1/entities/event/mars-attack/history',
    '/v1/claims/mars-attack.perpetrator/history',
    '/v1/history',
    '/v1/timeline',
    '/v1/releases',
  ]

  const withQuery = (path: string, query: string): string =>
    query === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${query}`

  it('when every read route is asked at every kind of cut, then each answers at exactly that cut', async () => {
    for (const path of httpReads)
      for (const { query, cut } of httpCuts) {
        const res = await get<{ at: { cut: unknown; ledgerPosition: string } }>(
          app,
          withQuery(path, query),
        )
        expect(res.status, `${path} ${query}: ${res.text}`).toBe(200)
        expect(res.body.at.cut, `${path} ${query}`).toEqual(cut)
        if (query.startsWith('ledgerPosition')) expect(res.body.at.ledgerPosition).toBe('3')
      }
  })

  it('when a cut is bad, then every read route refuses it with a problem naming the parameter', async () => {
    const bad: ReadonlyArray<readonly [string, number, string]> = [
      ['watched=st-children-of-mars,pic-s9e99', 400, 'invalid-query'],
      ['watched=st-children-of-mars..pic-s1e02', 400, 'invalid-query'],
      ['ledgerPosition=999', 400, 'invalid-query'],
      ['date=2024-04-01&region=Mars', 400, 'invalid-query'],
      ['region=France', 400, 'invalid-query'],
      ['release=pic-s1e01&date=2020-01-01', 400, 'invalid-query'],
    ]
    for (const path of httpReads)
      for (const [query, status, type] of bad) {
        const res = await get<{ type: string; detail: string }>(app, withQuery(path, query))
        expect(res.status, `${path} ${query}`).toBe(status)
        expect(res.body.type, `${path} ${query}`).toContain(type)
        expect(res.headers['content-type']).toContain('application/problem+json')
      }
  })

  it('then every read route declares every cut parameter (a diff: its two ends and the rest)', () => {
    const routes = readRoutes({ snapshots: {} as SnapshotSource, represent: computed })
    for (const route of routes) {
      const declared = Object.keys(route.query ?? {})
      const wanted =
        route.path === '/v1/diff'
          ? ['from', 'to', 'region', 'ledgerPosition', 'canon']
          : Object.keys(cutParams)
      for (const p of wanted) expect(declared, `${route.path} ${p}`).toContain(p)
    }
  })
})
