import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ran } from '../support/cliRun'
import { arcFiles, repoRoot, runCanon } from '../support/cliRun'

/**
 * The CLI end to end, in process, on a temporary SQLite file: the same `run` the installed
 * command calls, with captured output. Refusals are checked to leave the ledger unchanged
 * by comparing `canon export` before and after.
 */
const dir = mkdtempSync(join(tmpdir(), 'canon-cli-'))
const store = join(dir, 'ledger.sqlite')

const canon = (...argv: ReadonlyArray<string>): Promise<Ran> => runCanon(argv)

/** Runs against the test's store. */
const on = (...argv: ReadonlyArray<string>) => canon(...argv, '--store', store)
const json = async (...argv: ReadonlyArray<string>): Promise<unknown> => {
  const r = await on(...argv, '--json')
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as unknown
}
const exported = async (): Promise<string> => {
  const r = await on('export')
  expect(r.code).toBe(0)
  return r.stdout
}
const file = (name: string, text: string): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

interface Fact {
  readonly predicate: string
  readonly claims: ReadonlyArray<{ readonly value: { readonly text: string } }>
}
const factsOf = (answer: unknown): Map<string, string> =>
  new Map(
    (answer as { facts: ReadonlyArray<Fact> }).facts.map((f) => [
      f.predicate,
      f.claims.map((c) => c.value.text).join(' | '),
    ]),
  )

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('given an empty SQLite ledger', () => {
  it('when the bundled ledger files are appended, then every entry is recorded and counted per file', async () => {
    const r = (await json('append', ...arcFiles)) as {
      appended: number
      unchanged: number
      files: ReadonlyArray<{ source: string; appended: number; unchanged: number }>
    }
    expect(r.appended).toBeGreaterThanOrEqual(arcFiles.length)
    expect(r.unchanged).toBe(0)
    expect(r.files.map((f) => f.source)).toEqual(arcFiles)
    expect(r.files.every((f) => f.appended > 0)).toBe(true)
  })
})

describe('given the bundled ledger is recorded', () => {
  let before = ''
  beforeAll(async () => {
    before = await exported()
  })

  it('when the same files are appended again, then nothing changes and all are counted unchanged', async () => {
    const r = (await json('append', ...arcFiles)) as { appended: number; unchanged: number }
    expect(r.appended).toBe(0)
    expect(r.unchanged).toBeGreaterThanOrEqual(arcFiles.length)
    expect(await exported()).toBe(before)
  })

  it('when a file records a known release with different content, then it is refused naming the difference', async () => {
    const original = readFileSync(
      join(repoRoot, 'ledgers/star-trek/020-picard-s1e01-remembrance.yaml'),
      'utf8',
    )
    const altered = original.replace(/title: "?Remembrance"?/, 'title: Remembrance (extended)')
    expect(altered).not.toBe(original)
    const conflicting = file('conflict.yaml', altered)
    const r = await on('append', conflicting)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(
      /conflict\.yaml: at releases\[0\] \(line \d+, column 5\): release 'pic-s1e01' is already in the ledger with different content/,
    )
    expect(r.stderr).toMatch(/\/release\/title differs/)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await exported()).toBe(before)
  })

  it('when one of several files is invalid, then every problem names file and path, and nothing is appended', async () => {
    const valid = file(
      'valid.yaml',
      'id: pic-s1e02\ntitle: Maps and Legends\nseries: "Star Trek: Picard"\nkind: episode\ndate: 2020-01-30\nseason: 1\nepisode: 2\n',
    )
    const invalid = file(
      'invalid.yaml',
      'releases:\n  - id: pic-s1e03\n    title: The End Is the Beginning\n    series: "Star Trek: Picard"\n    kind: episode\n    date: 2020-02-06\n    changes:\n      - assert: x.y\n        subject: event/mars-attack\n        predicate: casualties\n        value: { atLeast: many }\n',
    )
    const broken = file('broken.yaml', 'releases: [\n')
    const r = await on('append', valid, invalid, broken)
    expect(r.code).toBe(2)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toContain(
      `canon: ${invalid}: at releases[0].changes[0].value.atLeast (line 11, column 27): expected a finite number, found "many"`,
    )
    expect(lines.some((l) => l.startsWith(`canon: ${broken}: at line `))).toBe(true)
    expect(lines.some((l) => l.includes(valid))).toBe(false)
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/)
    expect(await exported()).toBe(before)
  })

  it('when `correct` is given a file with releases, then it is refused and nothing is appended', async () => {
    const r = await on('correct', arcFiles[0]!)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/records corrections only/)
    expect(await exported()).toBe(before)
  })

  it('when a correction fixes a quote, then it is recorded once and the history shows it', async () => {
    const fix = file(
      'fix.yaml',
      'corrections:\n  - id: test-fix-remembrance-note\n    release: pic-s1e01\n    set: { note: "Checked against the episode." }\n    reason: a test correction\n',
    )
    const first = (await json('correct', fix)) as { appended: number }
    expect(first.appended).toBe(1)
    const again = (await json('correct', fix)) as { appended: number; unchanged: number }
    expect(again).toMatchObject({ appended: 0, unchanged: 1 })
    before = await exported()
  })
})

describe('given the bundled ledger, when it is queried', () => {
  it('then as of Picard S1E1 the casualties are over 92,000 and no starship figure is known', async () => {
    const facts = factsOf(await json('show', 'event/mars-attack', '--as-of', 'pic-s1e01'))
    expect(facts.get('casualties')).toMatch(/over 92,000/)
    expect([...facts.keys()].some((k) => k.includes('starship'))).toBe(false)
    expect([...facts.values()].join(' ')).not.toMatch(/20,000/)
  })

  it('then as of Prodigy S2E20 the 20,000 starships are there only under --canon all, from the article', async () => {
    const onScreen = factsOf(await json('show', 'event/mars-attack', '--as-of', 'pro-s2e20'))
    expect([...onScreen.values()].join(' ')).not.toMatch(/20,000/)
    const all = factsOf(
      await json(
        'show',
        'event/mars-attack',
        '--as-of',
        'article-picard-mars-attack-worse',
        '--canon',
        'all',
      ),
    )
    expect(all.get('starships-destroyed')).toMatch(/20,000 starships/)
  })

  it('then on-screen canon never names Nedar, and all sources do', async () => {
    const onScreen = await on('show', 'person/commodore-oh', '--as-of-date', '2030-01-01')
    expect(onScreen.code).toBe(0)
    expect(onScreen.stdout).not.toMatch(/nedar/i)
    const all = await on(
      'show',
      'person/commodore-oh',
      '--as-of-date',
      '2030-01-01',
      '--canon',
      'all',
    )
    expect(all.stdout).toMatch(/Nedar/)
  })

  it('then the diff classifies the culprit change as a revelation', async () => {
    const d = (await json('diff', 'pic-s1e01', 'pro-s2e20', '--entity', 'event/mars-attack')) as {
      changes: ReadonlyArray<{ change: string; predicate?: string; release: { id: string } }>
    }
    expect(d.changes).toContainEqual(
      expect.objectContaining({
        change: 'revised:revelation',
        predicate: 'perpetrator',
        release: expect.objectContaining({ id: 'pic-s1e08' }) as unknown,
      }),
    )
    const text = await on('diff', 'pic-s1e01', 'pro-s2e20')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/revised:revelation/)
  })

  it('then the history lists each change in release order with position and recording time', async () => {
    const h = (await json('history', 'event/mars-attack', 'perpetrator')) as {
      entries: ReadonlyArray<{ release: { date: string }; position: string; recordedAt: string }>
    }
    expect(h.entries.length).toBeGreaterThanOrEqual(2)
    const dates = h.entries.map((e) => e.release.date)
    expect([...dates].sort()).toEqual(dates)
    for (const e of h.entries) {
      expect(e.position).toMatch(/^\d+$/)
      expect(Number.isNaN(Date.parse(e.recordedAt))).toBe(false)
    }
  })

  it('then the timeline and the releases answer in their orders', async () => {
    const t = (await json('timeline', '--as-of', 'pro-s2e20')) as {
      entries: ReadonlyArray<unknown>
    }
    expect(t.entries.length).toBeGreaterThan(0)
    const rs = (await json('releases')) as {
      releases: ReadonlyArray<{ id: string; date: string; sequence: number }>
    }
    const keys = rs.releases.map((r) => `${r.date}|${String(r.sequence).padStart(12, '0')}`)
    expect([...keys].sort()).toEqual(keys)
    expect(rs.releases.map((r) => r.id)).toContain('pro-s2e20')
    const picard = (await json('releases', '--series', 'star trek: picard')) as {
      releases: ReadonlyArray<{ series: string }>
    }
    expect(picard.releases.length).toBeGreaterThan(0)
    expect(picard.releases.every((r) => r.series === 'Star Trek: Picard')).toBe(true)
  })

  it('then a table is printed for people, and replay summarises the whole ledger', async () => {
    const shown = await on('show', 'Mars Attack', '--as-of', 'pic-s1e01')
    expect(shown.code).toBe(0)
    expect(shown.stdout).toMatch(/^fact\s+status\s+value\s+source/m)
    const replay = (await json('replay')) as { events: number; releases: { total: number } }
    expect(replay.releases.total).toBeGreaterThan(0)
    expect(replay.events).toBeGreaterThan(replay.releases.total)
  })

  it('then bad input is exit code 2 with one line, never a stack trace', async () => {
    for (const argv of [
      ['show', 'nobody-at-all', '--as-of', 'pic-s1e01'],
      ['show', 'event/mars-attack', '--as-of', 'no-such-release'],
      ['show', 'event/mars-attack', '--as-of-date', '2020-02-30'],
      ['show', 'event/mars-attack', '--canon', 'fanon'],
      ['show', 'event/mars-attack', '--as-of', 'pic-s1e01', '--as-of-date', '2020-01-01'],
      ['show', 'event/mars-attack', '--ledger-position', '-3'],
      ['no-such-command'],
    ]) {
      const r = await on(...argv)
      expect(r.code, argv.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n').length, r.stderr).toBeLessThanOrEqual(2)
      expect(r.stderr).not.toMatch(/\.(ts|js):\d+/)
    }
  })

  it('then show prints what each fact rests on: quote, note, who in the story said it, and changes in the story', async () => {
    const r = await on('show', 'event/mars-attack', '--as-of', 'pic-s1e03')
    expect(r.code).toBe(0)
    const sources = r.stdout.slice(r.stdout.indexOf('\nsources:\n'))
    expect(sources).toContain('casualties (mars-attack.casualties): over 92,000 lives')
    expect(sources).toContain('  in the story: over 3,000 lives, then over 92,000 lives\n')
    expect(sources).toContain('  pic-s1e01 (on-screen) changed in the story\n')
    expect(sources).toContain('  pic-s1e03 (on-screen) confirmed, said by Jean-Luc Picard\n')
    expect(sources).toContain('    quote: “Mars is burning. Tens of thousands are dead.”\n')
    expect(sources).toMatch(/ {4}note: Picard, in the 2385 flashback/)
    expect(r.stdout).toMatch(/official-cause .* asserted; said by United Federation of Planets/)
  })

  it('then the ledger-position cut reads the ledger as it stood', async () => {
    // Positions 0 and 1 declare the universe's calendars; 2 records Children of Mars.
    const early = factsOf(
      await json(
        'show',
        'event/mars-attack',
        '--as-of-date',
        '2030-01-01',
        '--ledger-position',
        '2',
      ),
    )
    const now = factsOf(await json('show', 'event/mars-attack', '--as-of-date', '2030-01-01'))
    expect(early.size).toBeLessThan(now.size)
  })
})

describe('given the ledger is exported', () => {
  const copy = join(dir, 'copy.sqlite')
  const exportFile = join(dir, 'ledger.ndjson')

  it('when the export is imported into an empty store, then verify passes and the export is identical', async () => {
    expect((await json('verify')) as { ok: boolean }).toMatchObject({ ok: true })
    expect((await on('export', exportFile)).code).toBe(0)
    const original = readFileSync(exportFile, 'utf8')
    expect(original.trim().split('\n').length).toBeGreaterThan(arcFiles.length)
    const imported = await canon('import', exportFile, '--store', copy, '--json')
    expect(imported.code).toBe(0)
    const verified = await canon('verify', '--store', copy, '--json')
    expect(verified.code).toBe(0)
    const theirs = JSON.parse(verified.stdout) as { ok: boolean; head: string }
    const ours = (await json('verify')) as { head: string }
    expect(theirs).toMatchObject({ ok: true, head: ours.head })
    expect((await canon('export', '--store', copy)).stdout).toBe(original)
  })

  it('when it is imported into a ledger that holds something else, then it is refused and that ledger is unchanged', async () => {
    const other = join(dir, 'other.sqlite')
    const release = file(
      'other.yaml',
      'releases:\n  - id: other\n    title: Other\n    series: S\n    kind: episode\n    date: 2001-01-01\n',
    )
    expect((await canon('append', release, '--store', other)).code).toBe(0)
    const before = (await canon('export', '--store', other)).stdout
    const r = await canon('import', exportFile, '--store', other)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/not empty and is not an earlier part of this import/)
    expect((await canon('export', '--store', other)).stdout).toBe(before)
  })

  it('when it is imported again into the ledger it came from, then nothing is written (an import is idempotent)', async () => {
    const before = await exported()
    const r = await on('import', exportFile, '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({
      imported: 0,
      alreadyThere: before.split('\n').length - 1,
    })
    expect(await exported()).toBe(before)
  })

  it('when a tampered export is imported, then the break is named and nothing is written', async () => {
    const lines = readFileSync(exportFile, 'utf8').trim().split('\n')
    // Position 3 records Remembrance (after the two calendars and Children of Mars).
    const tampered = lines.map((l, i) => (i === 3 ? l.replace('Remembrance', 'Remembrance!') : l))
    expect(tampered[3]).not.toBe(lines[3])
    const bad = file('tampered.ndjson', `${tampered.join('\n')}\n`)
    const fresh = join(dir, 'fresh.sqlite')
    const r = await canon('import', bad, '--store', fresh)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/position 3/)
    expect((await canon('export', '--store', fresh)).stdout).toBe('')
  })

  it('when verify finds a broken chain, then it exits 1 naming the first bad position', async () => {
    const Database = (await import('better-sqlite3')).default
    const broken = join(dir, 'broken.sqlite')
    expect((await canon('import', exportFile, '--store', broken)).code).toBe(0)
    const db = new Database(broken)
    const tables = db
      .prepare("select name from sqlite_master where type = 'table'")
      .all() as ReadonlyArray<{ name: string }>
    const events = tables.find((t) => /event/i.test(t.name))?.name
    expect(events).toBeDefined()
    db.prepare(
      `update ${events} set data = replace(data, 'Remembrance', 'Remembrancf') where revision = 3`,
    ).run()
    db.close()
    const r = await canon('verify', '--store', broken)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/BROKEN at position 3/)
  })
})

describe('given the help', () => {
  it('when any command is asked for --help, then it explains itself with an example and exits 0', async () => {
    for (const command of [
      'append',
      'correct',
      'show',
      'search',
      'diff',
      'history',
      'revisions',
      'timeline',
      'releases',
      'replay',
      'verify',
      'export',
      'import',
      'serve',
      'demo',
    ]) {
      const r = await canon(command, '--help')
      expect(r.code, command).toBe(0)
      expect(r.stdout, command).toMatch(/Example/)
      expect(r.stdout, command).toMatch(/--json/)
    }
  })
})

describe('given the demo on a fresh store', () => {
  it('when it runs again, then it loads the bundled ledger once and shows the Mars Attack before and after the finale, the article’s claims only under --canon all', async () => {
    const demoStore = join(dir, 'demo.sqlite')
    const first = await canon('demo', '--store', demoStore)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/before the finale: as of pro-s2e19/)
    expect(first.stdout).toMatch(/over 92,000/)
    expect(first.stdout).toMatch(
      /CHANGED\s+aftermath\s+.*pro-s2e20 \(on-screen\)\s+revised: expansion/,
    )
    expect(first.stdout).not.toMatch(/starships-destroyed|20,000 starships under construction/)
    expect(first.stdout).toMatch(/20,000 starships destroyed.*article tier.*canon demo --canon all/)
    expect(first.stdout).not.toMatch(/nedar/i)
    const second = await canon('demo', '--store', demoStore, '--canon', 'all')
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(
      /NEW\s+starships-destroyed\s+20,000 starships under construction\s+article-picard-mars-attack-worse \(article\)/,
    )
    expect(second.stdout).toMatch(/ceases all\s+(\S+\s+)*exploration missions/)
    const third = await canon('demo', '--store', demoStore, '--json')
    expect(third.code).toBe(0)
    const answer = JSON.parse(third.stdout) as { loaded: { appended: number }; canon: string }
    expect(answer.loaded.appended).toBe(0)
    expect(answer.canon).toBe('on-screen')
  })
})

const built = join(repoRoot, 'dist/src/main/cli.js')

describe('given the built binary', () => {
  if (!existsSync(built))
    console.log(`skipping the spawned end-to-end run: ${built} does not exist (run npm run build)`)
  it.skipIf(!existsSync(built))(
    'when `canon demo --json` is spawned, then it exits 0 with the Mars Attack as JSON',
    async () => {
      const demoStore = join(dir, 'spawned.sqlite')
      const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
        execFile(
          process.execPath,
          [join(repoRoot, 'bin/canon.js'), 'demo', '--json', '--store', demoStore],
          { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } },
          (error, stdout, stderr) =>
            done({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
        ),
      )
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      const answer = JSON.parse(result.stdout) as { after: { entity: { id: string } } }
      expect(answer.after.entity.id).toBe('event/mars-attack')
    },
  )
})
