import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ran } from '../support/cliRun'
import { arcFiles, runCanon } from '../support/cliRun'
import type { ReplaySummary } from '../../src/app/replay'

/**
 * `canon replay` end to end, in process, on a temporary SQLite file holding the bundled Star
 * Trek ledger: the cut flags, the summary, refusals (the ledger compared through `canon export`
 * before and after), and the help.
 */
const dir = mkdtempSync(join(tmpdir(), 'canon-replay-'))
const store = join(dir, 'ledger.sqlite')

const canon = (tty: boolean, ...argv: ReadonlyArray<string>): Promise<Ran> =>
  runCanon(argv, { tty })

const on = (...argv: ReadonlyArray<string>) => canon(false, ...argv, '--store', store)

/** `--json` prints the use case's summary as it is (every field is JSON already). */
type Summary = ReplaySummary

const replay = async (...argv: ReadonlyArray<string>): Promise<Summary> => {
  const r = await on('replay', ...argv, '--json')
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Summary
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

describe('given the bundled Star Trek ledger in a SQLite file', () => {
  it('when replayed with --json, then the summary keeps its fields and says which cut it rebuilt to', async () => {
    const s = await replay()
    for (const field of ['events', 'ms'] as const) expect(typeof s[field], field).toBe('number')
    expect(s.releases.total).toBe(s.at.releasesAdmitted)
    expect(s.releases.byTier.reduce((n, t) => n + t.count, 0)).toBe(s.releases.total)
    expect(s.at).toMatchObject({
      cut: { _tag: 'Latest' },
      policy: 'all',
      ledgerPosition: (s.events - 1).toString(),
      lastRelease: { id: 'interview-tomita-ndar' },
    })
  })

  it('when replayed as of the finale and as of the article with every source, then each cut is the one asked for', async () => {
    const finale = await replay('--as-of', 'pro-s2e20')
    const article = await replay('--as-of', 'article-picard-mars-attack-worse', '--canon', 'all')
    expect(finale.at.lastRelease?.id).toBe('pro-s2e20')
    expect(article.at.lastRelease?.id).toBe('article-picard-mars-attack-worse')
    expect(finale.at.releasesAdmitted).toBe(article.at.releasesAdmitted - 1)
  })

  it('when replayed as of the premiere on screen, then it admits fewer releases than the whole ledger', async () => {
    const premiere = await replay('--as-of', 'pic-s1e01', '--canon', 'on-screen')
    const whole = await replay('--canon', 'on-screen')
    expect(premiere.at).toMatchObject({ policy: 'on-screen', lastRelease: { id: 'pic-s1e01' } })
    expect(premiere.at.releasesAdmitted).toBeLessThan(whole.at.releasesAdmitted)
  })

  it('when replayed as of a date, a date in a region, or a watched set, then the cut is the one asked for', async () => {
    const s = await replay('--as-of-date', '2021-01-01')
    expect(s.at.cut).toEqual({ _tag: 'AsOfDate', date: '2021-01-01' })
    expect(s.at.lastRelease?.id).toBe('interview-chabon-oh-mother')
    expect(s.at.lastRelease?.date).toBe('2020-04-01')
    const watched = await replay('--watched', 'st-children-of-mars,pic-s1e01')
    expect(watched.at.releasesAdmitted).toBe(2)
  })

  it('when replayed at --ledger-position 2, then it replays the ledger as it stood there', async () => {
    const s = await replay('--ledger-position', '2')
    const whole = await replay()
    expect(s.at.ledgerPosition).toBe('2')
    expect(s.releases.total).toBeLessThanOrEqual(3)
    expect(s.releases.total).toBeLessThan(whole.releases.total)
  })

  it('when replayed on a terminal, then progress goes to stderr and the summary names the cut', async () => {
    const r = await canon(true, 'replay', '--as-of', 'pic-s1e01', '--store', store)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/reading and filing events: \d+ done\n$/)
    expect(r.stdout).toMatch(/^events\s+releases\s+on-screen/m)
    expect(r.stdout).toMatch(/cut: as of pic-s1e01, canon all, ledger position \d+/)
    expect(r.stdout).toMatch(/releases admitted: 2, the last pic-s1e01 \(Remembrance\)/)
  })

  it('when the cut is unknown, beyond the ledger or malformed, then it is refused with exit 2 naming the flag and value, and the ledger is unchanged', async () => {
    const before = await exported()
    for (const [argv, named] of [
      [['--as-of', 'pic-s9e99'], /--as-of: release 'pic-s9e99' not found/],
      [['--watched', 'pic-s9e99'], /--watched: release 'pic-s9e99' not found/],
      [
        ['--ledger-position', '999'],
        /--ledger-position: position 999 is past the ledger's head, position \d+ \(positions count from 0\)/,
      ],
      [['--ledger-position', '-1'], /--ledger-position '-1'/],
      [['--as-of-date', '2020-02-30'], /--as-of-date '2020-02-30'/],
      [['--canon', 'fanon'], /--canon 'fanon'/],
      [['--as-of', 'pic-s1e01', '--as-of-date', '2020-01-01'], /at most one of --as-of/],
      [['--as-of-date', '2024-04-01', '--region', 'Mars'], /--region: 'Mars' is not a region/],
      [['--region', 'France'], /--region 'France' goes with --as-of-date/],
    ] as const) {
      for (const json of [[], ['--json']]) {
        const r = await on('replay', ...argv, ...json)
        expect(r.code, argv.join(' ')).toBe(2)
        expect(r.stdout, argv.join(' ')).toBe('')
        expect(r.stderr, argv.join(' ')).toMatch(named)
        expect(r.stderr.trim().split('\n')).toHaveLength(1)
      }
    }
    expect(await exported()).toBe(before)
  })

  it('when asked for --help, then it lists the cut flags with examples', async () => {
    const r = await canon(false, 'replay', '--help')
    expect(r.code).toBe(0)
    for (const flag of [
      '--as-of',
      '--as-of-date',
      '--watched',
      '--ledger-position',
      '--canon',
      '--json',
    ])
      expect(r.stdout, flag).toContain(flag)
    expect(r.stdout).toMatch(/Examples:/)
    expect(r.stdout).toMatch(/\$ canon replay --as-of \S+/)
    expect(r.stdout).toMatch(/\$ canon replay --ledger-position \d+/)
  })
})
