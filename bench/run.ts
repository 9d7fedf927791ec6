import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type { Command } from '../src/domain/commands'
import type { Recorded } from '../src/domain/events'
import type { LedgerState } from '../src/domain/state'
import { evolve, foldState } from '../src/domain/state'
import { allSources, onScreenOnly } from '../src/domain/canonPolicy'
import { claimId, entityId, predicate, releaseId, text, universeId } from '../src/domain/ids'
import { isoDate } from '../src/domain/calendarDate'
import { linkOf } from '../src/domain/hashChain'
import { openSqliteStore } from '../src/store/sqlite/sqliteStore'
import type { LedgerDeps } from '../src/app/ledger'
import { appendRecorded, decideAll, decodeAll, streamOf } from '../src/app/ledger'
import { referenceReader } from '../projections/reference/reader'
import { indexedReader } from '../projections/indexed/reader'
import { indexedReaders } from '../src/app/indexedReader'
import { indexOfBytes } from '../projections/indexed/snapshot'
import { generateUniverse } from './generate'
import { rng } from './rng'
import { log, msSince, now, percentiles, timeEach } from './measure'
import type { Pair, PairKind } from './pairs'
import type { Questions, Served } from './serving'
import { questionsText } from './serving'
import { liveReleases, pairsOf } from './pairs'
import { versionRows } from './versions'
import { postgresAlternative, sqliteAlternative } from './sqlAnchors'
import type { Row } from './report'
import { report } from './report'
import { answerCacheCapacity } from '../src/main/openStore'
import { httpBench } from './http'

/**
 * `npm run bench [-- --claims 10000|100000|1000000] [--quick] [--seed n] [--no-pg]
 *   [--ledger-cache dir [--append-only]] [--no-http]`
 * Measures, in one run on one generated universe, the indexed reader behind the read port:
 * append throughput into SQLite (decide + hash chain); building the reader from the store in a
 * fresh process, next to the store-read floor of the same run; a start from a snapshot; entity
 * as of every kind of cut, first touch and warm; paged reads; the CPU of the worst requests;
 * and the anchors: the reference reader (the naive fold), SQLite and PostgreSQL with a B-tree.
 */
const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  return i < 0 ? undefined : (process.argv[i + 1] ?? '')
}
const has = (name: string): boolean => process.argv.includes(`--${name}`)
const quick = has('quick')
const claimsTarget = quick ? 10_000 : Number(flag('claims') ?? 1_000_000)
const seed = Number(flag('seed') ?? 42)
const queries = quick ? 2_000 : 10_000
const here = __dirname
const resultsDir = join(process.cwd(), 'bench', 'results')
const ledgerCache = flag('ledger-cache')

const sha256 = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex')

const appendAll = async (deps: LedgerDeps, commands: ReadonlyArray<Command>) => {
  const recorded: Recorded[] = []
  let state: LedgerState = foldState([])
  let refused = 0
  const append = async (events: ReadonlyArray<Recorded>) => {
    const r = await appendRecorded(deps, BigInt(recorded.length), events)()
    if (E.isLeft(r)) throw new Error(`append failed: ${JSON.stringify(r.left)}`)
    for (const e of events) {
      state = evolve(state, e)
      recorded.push(e)
    }
  }
  for (let i = 0; i < commands.length; i += 20) {
    const batch = commands.slice(i, i + 20).map((command) => ({ command, source: 'bench' }))
    const decided = decideAll(deps, { recorded, state }, batch)
    if (E.isRight(decided)) {
      await append(decided.right.events)
      continue
    }
    for (const one of batch) {
      const d = decideAll(deps, { recorded, state }, [one])
      if (E.isLeft(d)) refused += 1
      else await append(d.right.events)
    }
  }
  return { recorded, refused }
}

const child = (args: ReadonlyArray<string>): Record<string, number | string | boolean> => {
  const out = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=4000', join(here, 'child.js'), ...args],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  )
  if (out.status !== 0) throw new Error(`child ${args[0]} failed: ${out.stderr}`)
  return JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>
}

/** A release appended right after a server starts: it introduces an entity read at once. */
const appendedEvent = (last: Recorded) => {
  const entity = entityId('thing/appended-after-start')
  const event = {
    _tag: 'ReleaseRecorded' as const,
    release: {
      id: releaseId('bench-appended'),
      title: text('Appended after start'),
      series: text('Series 0'),
      kind: 'episode' as const,
      date: isoDate('2099-01-01'),
      sequence: 0 as never,
    },
    changes: [
      { _tag: 'Introduced' as const, entity, name: text('Appended Entity') },
      {
        _tag: 'Asserted' as const,
        claim: claimId('appended-claim'),
        subject: entity,
        predicate: predicate('p0'),
        value: { _tag: 'Text' as const, text: text('appended') },
      },
    ],
  }
  const recordedAt = '2026-01-02T00:00:00.000Z'
  return {
    entity,
    event: {
      position: last.position + 1n,
      recordedAt,
      ...linkOf(event, recordedAt, last.hash, sha256),
      event,
    },
  }
}

const main = async (): Promise<void> => {
  const results: Record<string, unknown> = {}
  const dir = mkdtempSync(join(tmpdir(), 'canon-bench-'))
  chmodSync(dir, 0o755)
  const machine = `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`
  const loadAtStart = loadavg()
  log(
    `bench: ${claimsTarget} claims, seed ${seed}, ${machine}, load ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}, in ${dir}`,
  )
  try {
    let t0 = now()
    const u = generateUniverse(claimsTarget, seed)
    log(
      `generated ${u.commands.length} commands (${u.claims} claims, ${u.changes} changes) in ${msSince(t0).toFixed(0)} ms`,
    )

    // (1) append through the real path: decide, hash chain, one SQLite transaction per batch.
    const db = join(dir, 'ledger.sqlite')
    const cached =
      ledgerCache === undefined
        ? undefined
        : join(ledgerCache, `ledger-${claimsTarget}-${seed}.sqlite`)
    let recorded: ReadonlyArray<Recorded>
    if (cached !== undefined && existsSync(cached)) {
      copyFileSync(cached, db)
      const store = await openSqliteStore(db)()
      if (E.isLeft(store)) throw new Error(JSON.stringify(store.left))
      const rows = await store.right.readStream(streamOf(universeId('bench')))()
      if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left))
      const decoded = decodeAll(rows.right)
      if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left))
      recorded = decoded.right
      await store.right.close()
      results.append = { reused: cached, events: recorded.length }
      log(`append: reused ${cached} (${recorded.length} events)`)
    } else {
      const opened = await openSqliteStore(db)()
      if (E.isLeft(opened)) throw new Error(JSON.stringify(opened.left))
      const deps: LedgerDeps = {
        store: opened.right,
        universe: universeId('bench'),
        clock: () => new Date('2026-01-01T00:00:00.000Z'),
        hash: sha256,
        readers: indexedReaders,
      }
      t0 = now()
      const appended = await appendAll(deps, u.commands)
      recorded = appended.recorded
      const appendMs = msSince(t0)
      await opened.right.close()
      results.append = {
        ms: appendMs,
        events: recorded.length,
        refused: appended.refused,
        claimsPerSec: (u.claims / appendMs) * 1000,
      }
      log(
        `append: ${appendMs.toFixed(0)} ms, ${recorded.length} events, ${appended.refused} refused`,
      )
      if (cached !== undefined) {
        mkdirSync(ledgerCache as string, { recursive: true })
        copyFileSync(db, cached)
      }
    }
    if (has('append-only')) return

    // (2) the reader built from the store in a fresh process, next to the floor; (3) a start
    // from the snapshot it writes, an append right after, and a serving process's memory.
    const filter = indexedReader(recorded)
    const onScreen = liveReleases(filter, onScreenOnly)
    const probe = {
      entity: u.entities[0] as string,
      release: onScreen[Math.floor(onScreen.length / 2)]?.id ?? '',
    }
    const snapshotPath = join(dir, 'index.snapshot')
    results.replay = child(['replay', db, probe.entity, probe.release, snapshotPath])
    log(`replay: ${JSON.stringify(results.replay)}`)
    results.floor = child(['floor', db])
    log(`floor: ${JSON.stringify(results.floor)}`)
    const last = recorded[recorded.length - 1] as Recorded
    const appendFile = join(dir, 'appended.json')
    writeFileSync(
      appendFile,
      JSON.stringify(appendedEvent(last), (_k, v: unknown) =>
        typeof v === 'bigint' ? v.toString() : v,
      ),
    )
    const entitiesFile = join(dir, 'entities.json')
    const r = rng(seed + 1)
    writeFileSync(
      entitiesFile,
      JSON.stringify(Array.from({ length: quick ? 500 : 5000 }, () => r.pick(u.entities))),
    )
    results.restore = child([
      'restore',
      snapshotPath,
      probe.entity,
      probe.release,
      appendFile,
      entitiesFile,
      String(answerCacheCapacity),
    ])
    log(`restore: ${JSON.stringify(results.restore)}`)

    // (4) entity as of, (5) paged reads and (6) the costliest requests, in a serving process:
    // a reader restored from the snapshot, answering questions asked of `filter` first, so that
    // each entity is met there for the first time when it is timed.
    const policies = { onScreen: onScreenOnly, all: allSources }
    const kinds: ReadonlyArray<PairKind> = [
      'release',
      'date',
      'ledgerPosition',
      'watched',
      'allSources',
    ]
    const pairs = Object.fromEntries(
      kinds.map((kind) => [
        kind,
        pairsOf(kind, queries, r, u.entities, onScreen, recorded.length, policies, filter),
      ]),
    ) as Record<PairKind, Pair[]>
    const questions: Questions = {
      pairs,
      warmUp: pairsOf(
        'release',
        200,
        rng(seed + 2),
        u.entities,
        onScreen,
        recorded.length,
        policies,
        filter,
      ),
      adjacent: Array.from({ length: quick ? 100 : 300 }, () => {
        const i = r.int(onScreen.length - 1)
        return [onScreen[i]?.id ?? '', onScreen[i + 1]?.id ?? ''] as const
      }),
      entities: Array.from({ length: 100 }, () => r.pick(u.entities)),
    }
    const questionsFile = join(dir, 'questions.json')
    writeFileSync(questionsFile, questionsText(questions))
    const served = child([
      'serve',
      snapshotPath,
      questionsFile,
      String(answerCacheCapacity),
    ]) as unknown as Served
    results.answerCache = { capacity: answerCacheCapacity }
    Object.assign(results, served)
    log(`served: ${JSON.stringify(served)}`)

    // (6, 7) HTTP: express next to bare node:http, the costliest requests, /health under load.
    if (!has('no-http')) {
      results.http = await httpBench({
        dir,
        db,
        snapshotPath,
        pairs: pairs.release,
        entities: u.entities,
        releases: onScreen.map((x) => x.id),
        quick,
      })
      log(`http: ${JSON.stringify(results.http)}`)
    }

    // (7a) the naive anchor: the reference reader (a fold per read), while it is feasible.
    const naivePairs = pairs.release.slice(0, claimsTarget >= 1_000_000 ? 2 : quick ? 20 : 6)
    const reference = referenceReader(recorded)
    let agree = 0
    const naive = timeEach(naivePairs, (p) => {
      const theirs = reference.entity({ entity: p.entity, at: p.at })
      if (JSON.stringify(theirs) === JSON.stringify(filter.entity({ entity: p.entity, at: p.at })))
        agree += 1
    })
    results.naive = { ...percentiles(naive), agree, of: naivePairs.length }
    log(`naive: ${JSON.stringify(results.naive)}`)

    // (7b, 7c) the same release-cut question as indexed SQL over claim versions.
    const indexOfReader = indexOfBytes(new Uint8Array(readFileSync(snapshotPath)))
    if (E.isLeft(indexOfReader)) throw new Error(indexOfReader.left)
    const rows = versionRows(indexOfReader.right)
    const sqlPairs = pairs.release.map((p) => ({ entity: p.entity, key: p.key ?? '' }))
    results.sqlite = { rows: rows.length, ...sqliteAlternative(dir, rows, sqlPairs) }
    log(`sqlite: ${JSON.stringify(results.sqlite)}`)
    if (!has('no-pg')) {
      try {
        results.postgres = { rows: rows.length, ...postgresAlternative(dir, rows, sqlPairs) }
      } catch (e) {
        results.postgres = { error: String(e).slice(0, 400) }
      }
      log(`postgres: ${JSON.stringify(results.postgres)}`)
    }
    results.load = { atStart: loadAtStart, atEnd: loadavg() }
    const table: Row[] = report(results, u.claims)
    const universe = `${u.claims} claims, ${u.changes} changes, ${u.releases.length} releases (${u.deferred} appended late), ${u.entities.length} entities, ${u.corrections} corrections`
    const text = [
      `machine: ${machine}; load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at start, ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at end`,
      `universe: ${universe}`,
      `command: node --expose-gc dist/bench/run.js ${process.argv.slice(2).join(' ')}`,
      '',
      '| figure | ours | anchor | ratio | target | met |',
      '| --- | --- | --- | --- | --- | --- |',
      ...table.map(
        (row) =>
          `| ${row.figure} | ${row.ours} | ${row.anchor} | ${row.ratio} | ${row.target} | ${row.met} |`,
      ),
    ].join('\n')
    console.log(`\n${text}\n`)
    mkdirSync(resultsDir, { recursive: true })
    const file = join(
      resultsDir,
      `bench-${u.claims}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    )
    writeFileSync(
      file,
      JSON.stringify(
        { machine, args: process.argv.slice(2), universe, results, table: text },
        (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
        2,
      ),
    )
    log(`written ${file}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
