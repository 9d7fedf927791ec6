import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { universeId } from '../../src/domain/ids'
import { appendFiles } from '../../src/app/appendFiles'
import type { LedgerDeps } from '../../src/app/ledger'
import type { Ran } from '../support/cliRun'
import { runCanon } from '../support/cliRun'
import type { Problem } from '../../src/http/problems'
import { appOn, bearer, depsOn, post, problemType, storeContents, token } from './http/support'

/**
 * Bad input of the forms of issue 15, on the CLI and over HTTP: an unknown speaker, a change in
 * the story of a claim that does not exist or that the release's viewers cannot see yet, a time
 * in an undeclared calendar, a year zero where the calendar has none, a malformed era time.
 * Each is refused with a message naming what and where (the file, and the line and column in
 * it), exit code 2 on the CLI and 400 problem+json over HTTP, and the ledger is unchanged.
 */
const scenarios = join(__dirname, '../contract/scenarios/storyLedgers')
const galaxy = join(scenarios, 'galaxy.yaml')
const westeros = join(scenarios, 'westeros.yaml')

const dir = mkdtempSync(join(tmpdir(), 'canon-story-'))
const store = join(dir, 'ledger.sqlite')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const canon = (universe: string, ...argv: ReadonlyArray<string>): Promise<Ran> =>
  runCanon([...argv, '--store', store, '--universe', universe])
const exported = async (universe: string): Promise<string> => {
  const r = await canon(universe, 'export')
  expect(r.code).toBe(0)
  return r.stdout
}
const file = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** One release of the galaxy ledger's series, on a date and with the changes given. */
const galaxyRelease = (id: string, date: string, changes: string): string =>
  `releases:\n  - id: ${id}\n    title: ${id}\n    series: Star Wars\n    kind: film\n    date: ${date}\n    changes:\n${changes}`

interface BadInput {
  readonly universe: 'star-wars' | 'westeros'
  readonly name: string
  readonly text: string
  /** The line of stderr, after `canon: FILE: `. */
  readonly says: string
}

const cases: ReadonlyArray<BadInput> = [
  {
    universe: 'star-wars',
    name: 'an unknown speaker',
    text: galaxyRelease(
      'sw-vii',
      '2015-12-18',
      '      - confirm: lukes-father.fate\n        saidBy: person/obi-wan-kenobe\n',
    ),
    says: "at releases[0].changes[0].saidBy (line 9, column 17): release 'sw-vii' change 1: the account of claim 'lukes-father.fate' is by 'person/obi-wan-kenobe', an unknown speaker: no release of the ledger introduces it; did you mean 'person/obi-wan-kenobi'?",
  },
  {
    universe: 'star-wars',
    name: 'a change in the story of a claim that does not exist',
    text: galaxyRelease(
      'sw-vii',
      '2015-12-18',
      '      - becomes: palpatine.stauts\n        value: dead\n',
    ),
    says: "at releases[0].changes[0].becomes (line 8, column 18): release 'sw-vii' change 1: cannot change claim 'palpatine.stauts' in the story: no release of the ledger asserts it; did you mean 'palpatine.status'?",
  },
  {
    universe: 'star-wars',
    name: 'a change in the story of a claim its viewers cannot see yet',
    text: galaxyRelease(
      'sw-holiday',
      '1978-11-17',
      '      - ends: palpatine.status\n        from: "1 ABY"\n',
    ),
    says: "at releases[0].changes[0].ends (line 8, column 15): release 'sw-holiday' change 1: cannot change claim 'palpatine.status' in the story: it is asserted only later in release order, by 'sw-v': a release cannot change in the story what its viewers have not yet been told",
  },
  {
    universe: 'star-wars',
    name: 'a time in a calendar the universe does not declare',
    text: galaxyRelease(
      'sw-vii',
      '2015-12-18',
      '      - becomes: palpatine.status\n        value: dead\n        from: "283 AC"\n',
    ),
    says: "at releases[0].changes[0].from (line 10, column 15): release 'sw-vii' change 1 (from): the time '283 AC' cannot be recorded: no calendar of the universe declares the era 'AC' (declared eras: BBY, ABY)",
  },
  {
    universe: 'westeros',
    name: 'a year zero where the calendar has none',
    text: `releases:\n  - id: got-s1e02\n    title: The Kingsroad\n    series: Game of Thrones\n    kind: episode\n    date: 2011-04-24\n    changes:\n      - assert: robert-baratheon.crowned\n        subject: person/robert-baratheon\n        predicate: crowned\n        value: { date: "0 AC" }\n`,
    says: "at releases[0].changes[0].value (line 11, column 16): release 'got-s1e02' change 1 (value): the time '0 AC' cannot be recorded: the calendar 'westeros' (Years since Aegon's Conquest) has no year zero: its years run from 1 in each era",
  },
  {
    universe: 'star-wars',
    name: 'a malformed era time',
    text: galaxyRelease(
      'sw-vii',
      '2015-12-18',
      '      - becomes: palpatine.status\n        value: dead\n        from: "4ABY"\n',
    ),
    says: 'at releases[0].changes[0].from (line 10, column 15): expected an in-universe time: a year (2385), "2385-04", "2385-04-05", "stardate 41153.7", or a year of an era calendar the universe declares ("32 BBY", "283 AC"), found "4ABY"',
  },
]

describe('given a store holding the galaxy and Westeros ledgers, each its own universe', () => {
  beforeAll(async () => {
    expect((await canon('star-wars', 'append', galaxy)).code).toBe(0)
    expect((await canon('westeros', 'append', westeros)).code).toBe(0)
  })

  describe.each(cases)('when a file holding $name is appended with the CLI', (c) => {
    it('then it exits 2 naming the file, the line and column, and what is wrong; the ledger is unchanged', async () => {
      const before = await exported(c.universe)
      const path = file(`${c.universe}-bad.yaml`, c.text)
      const r = await canon(c.universe, 'append', path)
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toEqual([`canon: ${path}: ${c.says}`])
      expect(await exported(c.universe)).toBe(before)
    })
  })
})

describe('given the same store, when a read or a file names something nearly right', () => {
  it('then a read of a universe the store does not hold lists the universes it holds (exit 2)', async () => {
    const r = await canon('star-wrs', 'show', 'Luke Skywalker')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(
      "canon: universe 'star-wrs' has no ledger in this store; it holds 'star-wars', 'westeros' (did you mean 'star-wars'?)\n",
    )
  })

  it('then a claim mistyped under confirm: is refused naming the file, the line and column, and the close claim', async () => {
    const before = await exported('star-wars')
    const path = file(
      'typo.yaml',
      galaxyRelease('sw-vii', '2015-12-18', '      - confirm: lukes-father.fat\n'),
    )
    const r = await canon('star-wars', 'append', path)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      `canon: ${path}: at releases[0].changes[0].confirm (line 8, column 18): release 'sw-vii' acts on claim 'lukes-father.fat', which no release asserts; did you mean 'lukes-father.fate'?\n`,
    )
    expect(await exported('star-wars')).toBe(before)
  })

  it('then a name typed in part is answered with the entity it begins, named by its name', async () => {
    const r = await canon('westeros', 'show', 'Aegon', '--canon', 'source-work')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("did you mean 'Aegon Targaryen'?")
  })
})

describe('given the galaxy ledger behind the HTTP API', () => {
  let deps: LedgerDeps
  beforeAll(async () => {
    deps = { ...depsOn(), universe: universeId('star-wars') }
    const loaded = await appendFiles(deps, [
      { source: 'galaxy.yaml', text: readFileSync(galaxy, 'utf8') },
    ])()
    expect(E.isRight(loaded)).toBe(true)
  })

  const bodies: ReadonlyArray<{
    readonly name: string
    readonly body: unknown
    readonly says: string
  }> = [
    {
      name: 'an unknown speaker',
      body: {
        id: 'sw-vii',
        title: 'The Force Awakens',
        series: 'Star Wars',
        kind: 'film',
        date: '2015-12-18',
        changes: [{ confirm: 'lukes-father.fate', saidBy: 'person/nobody' }],
      },
      says: "the request body: at changes[0].saidBy: release 'sw-vii' change 1: the account of claim 'lukes-father.fate' is by 'person/nobody', an unknown speaker",
    },
    {
      name: 'a change in the story of a claim that does not exist',
      body: {
        releases: [
          {
            id: 'sw-vii',
            title: 'The Force Awakens',
            series: 'Star Wars',
            kind: 'film',
            date: '2015-12-18',
            changes: [{ ends: 'palpatine.stauts' }],
          },
        ],
      },
      says: "the request body: at releases[0].changes[0].ends: release 'sw-vii' change 1: cannot change claim 'palpatine.stauts' in the story",
    },
    {
      name: 'a time in a calendar the universe does not declare',
      body: {
        id: 'sw-vii',
        title: 'The Force Awakens',
        series: 'Star Wars',
        kind: 'film',
        date: '2015-12-18',
        changes: [{ becomes: 'palpatine.status', value: 'dead', from: '2385-04-05' }],
      },
      says: "the time '2385-04-05' cannot be recorded: the universe declares no Gregorian calendar",
    },
  ]

  describe.each(bodies)('when a body holding $name is posted', (b) => {
    it('then it is a 400 problem naming what and where, and the store is unchanged', async () => {
      const app = appOn(deps, { writeToken: token })
      const before = await storeContents(deps.store)
      const reply = await post<Problem>(app, '/v1/releases', b.body, bearer)
      expect(reply.status).toBe(400)
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(reply.body.type).toBe(problemType('invalid-body'))
      expect(reply.body.detail).toContain(b.says)
      expect(await storeContents(deps.store)).toEqual(before)
    })
  })
})
