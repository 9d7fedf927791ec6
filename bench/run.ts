import { execFileSync, fork, spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import type { Command } from '../src/domain/commands'
import type { Recorded } from '../src/domain/events'
import type { LedgerState } from '../src/domain/state'
import { evolve, foldState } from '../src/domain/state'
import { allSources, onScreenOnly } from '../src/domain/canonPolicy'
import { isoDate } from '../src/domain/calendarDate'
import type { EntityId, ReleaseId } from '../src/domain/ids'
import { universeId } from '../src/domain/ids'
import { openSqliteStore } from '../src/store/sqlite/sqliteStore'
import type { LedgerDeps } from '../src/app/ledger'
import { appendRecorded, decideAll, decodeAll, streamOf } from '../src/app/ledger'
import type { ReleaseCut } from '../projections/cut'
import { admittedReleases, asOfDate, asOfRelease, latest, progress } from '../projections/cut'
import { ledgerView } from '../projections/ledgerView'
import { diff } from '../projections/diff'
import { buildIndex } from '../projections/temporalIndex'
import { entityAsOf } from '../projections/temporalIndexQuery'
import { naiveEntityAsOf } from '../projections/naiveEntityAsOf'
import type { TemporalIndex } from '../projections/temporalIndexTypes'
import { claimHead } from '../projections/temporalIndexSteps'
import { generateUniverse } from './generate'
import { rng } from './rng'

/**
 * `npm run bench [-- --claims 10000|100000|1000000] [--quick] [--seed n] [--no-pg] [--no-http]
 *   [--ledger-cache dir [--append-only]]`
 * Measures, in one run on one generated universe: append throughput into SQLite (decide + hash
 * chain), replay into the temporal index and its peak RSS (in a fresh child process), cold start
 * with and without a snapshot, entity-as-of latencies for every kind of cut, diffs, the same
 * questions answered by a naive fold, by indexed SQL in SQLite and in PostgreSQL, and HTTP.
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
/** Where appended ledgers are kept between runs (`--ledger-cache dir`): (1) is then skipped. */
const ledgerCache = flag('ledger-cache')

const now = () => process.hrtime.bigint()
const msSince = (t0: bigint): number => Number(now() - t0) / 1e6
const log = (s: string) => process.stderr.write(`${s}\n`)

const percentiles = (samplesUs: number[]) => {
  const s = [...samplesUs].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
  return { n: s.length, p50: at(0.5), p99: at(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length }
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

const appendAll = async (deps: LedgerDeps, commands: ReadonlyArray<Command>) => {
  const recorded: Recorded[] = []
  let state: LedgerState = foldState([])
  let refused = 0
  const batchSize = 20
  const append = async (events: ReadonlyArray<Recorded>) => {
    const r = await appendRecorded(deps, BigInt(recorded.length), events)()
    if (E.isLeft(r)) throw new Error(`append failed: ${JSON.stringify(r.left)}`)
    for (const e of events) {
      state = evolve(state, e)
      recorded.push(e)
    }
  }
  for (let i = 0; i < commands.length; i += batchSize) {
    const batch = commands.slice(i, i + batchSize).map((command) => ({ command, source: 'bench' }))
    const decided = decideAll(deps, { recorded, state }, batch)
    if (E.isRight(decided)) {
      await append(decided.right.events)
      continue
    }
    // One refused command refuses its batch: decide them one by one and skip the refused.
    for (const one of batch) {
      const d = decideAll(deps, { recorded, state }, [one])
      if (E.isLeft(d)) refused += 1
      else await append(d.right.events)
    }
  }
  return { recorded, refused }
}

/** A measurement that failed is reported as such; the rest of the bench still runs. */
const attempt = <T>(f: () => T): T | { error: string } => {
  try {
    return f()
  } catch (e) {
    return { error: String(e).slice(0, 400) }
  }
}

const child = (args: ReadonlyArray<string>): Record<string, number | string> => {
  const out = spawnSync(process.execPath, ['--expose-gc', join(here, 'child.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (out.status !== 0) throw new Error(`child ${args[0]} failed: ${out.stderr}`)
  return JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number | string>
}

interface Pair {
  readonly entity: EntityId
  readonly cut: ReleaseCut
  readonly at?: bigint
  readonly key?: string
}

const liveReleases = (index: TemporalIndex) =>
  [...index.releases.values()]
    .map((r) => r.gens[r.gens.length - 1])
    .filter((g) => g !== undefined && !g.withdrawn)
    .map((g) => g!.view)

const time = (pairs: ReadonlyArray<Pair>, run: (p: Pair) => unknown): number[] => {
  const samples: number[] = []
  for (const p of pairs) {
    const t0 = now()
    run(p)
    samples.push(Number(now() - t0) / 1e3)
  }
  return samples
}

/** Claim versions (on-screen canon, ledger head) as rows with release-key intervals. */
const versionRows = (index: TemporalIndex) => {
  const rows: Array<[string, string, string, string, string]> = []
  for (const c of index.claims.values()) {
    const versions = claimHead(index, c).onScreen
    versions.forEach((v, i) => {
      if (v.state === undefined || v.state.status !== 'live') return
      const to = versions[i + 1]?.key ?? '\uffff'
      rows.push([v.state.subject, c.id, v.key, to, JSON.stringify(v.state)])
    })
  }
  return rows
}

const sqliteAlternative = (
  dir: string,
  rows: ReturnType<typeof versionRows>,
  pairs: ReadonlyArray<Pair>,
) => {
  const db = new Database(join(dir, 'versions.sqlite'))
  db.pragma('journal_mode = WAL')
  db.exec(
    'CREATE TABLE claim_versions (subject TEXT NOT NULL, claim TEXT NOT NULL, key_from TEXT NOT NULL, key_to TEXT NOT NULL, state TEXT NOT NULL)',
  )
  const t0 = now()
  const insert = db.prepare('INSERT INTO claim_versions VALUES (?, ?, ?, ?, ?)')
  db.transaction(() => {
    for (const r of rows) insert.run(...r)
  })()
  db.exec('CREATE INDEX claim_versions_at ON claim_versions (subject, key_from, key_to)')
  db.exec('ANALYZE')
  const loadMs = msSince(t0)
  const q = db.prepare(
    'SELECT claim, state FROM claim_versions WHERE subject = ? AND key_from <= ? AND key_to > ?',
  )
  const samples = time(pairs, (p) => q.all(p.entity, p.key, p.key))
  db.close()
  return { loadMs, ...percentiles(samples) }
}

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`

/**
 * PostgreSQL 15 (Debian's package): a throwaway cluster on a loopback port. Rows are loaded with
 * COPY (psql \copy, CSV); the timing loop runs INSIDE the server (a PL/pgSQL DO block over the
 * same pairs, clock_timestamp() around each query, its plan cached as a prepared statement
 * would be), so client and wire costs are excluded: it is the database's own best case.
 */
const postgresAlternative = (
  dir: string,
  rows: ReturnType<typeof versionRows>,
  pairs: ReadonlyArray<Pair>,
) => {
  const bin = '/usr/lib/postgresql/15/bin'
  const pgdir = join(dir, 'pg')
  mkdirSync(pgdir)
  const asRoot = process.getuid?.() === 0
  const pgUid = asRoot
    ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    : -1
  if (asRoot) chownSync(pgdir, pgUid, pgUid)
  const runPg = (cmd: string, args: ReadonlyArray<string>) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' })
  const port = String(54000 + (process.pid % 900))
  const data = join(pgdir, 'data')
  runPg('initdb', ['-D', data, '-U', 'bench', '--auth=trust', '-E', 'UTF8', '--no-locale'])
  runPg('pg_ctl', [
    '-D',
    data,
    '-l',
    join(pgdir, 'log'),
    '-o',
    `-p ${port} -k ${pgdir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=512MB`,
    '-w',
    'start',
  ])
  try {
    const rowsFile = join(dir, 'versions.csv')
    writeFileSync(rowsFile, rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n')
    const pairsFile = join(dir, 'pairs.csv')
    writeFileSync(
      pairsFile,
      pairs.map((p, i) => `${i},${csvField(p.entity)},${csvField(p.key ?? '')}`).join('\n') + '\n',
    )
    const psql = (sql: string) =>
      execFileSync(
        'psql',
        [
          '-h',
          '127.0.0.1',
          '-p',
          port,
          '-U',
          'bench',
          '-d',
          'postgres',
          '-v',
          'ON_ERROR_STOP=1',
          '-qAt',
          '-c',
          sql,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      )
    const t0 = now()
    psql(
      'CREATE TABLE claim_versions (subject text NOT NULL, claim text NOT NULL, key_from text NOT NULL, key_to text NOT NULL, state jsonb NOT NULL)',
    )
    psql(`\\copy claim_versions FROM '${rowsFile}' WITH (FORMAT csv)`)
    psql(
      'CREATE INDEX claim_versions_at ON claim_versions (subject COLLATE "C", key_from COLLATE "C", key_to COLLATE "C")',
    )
    psql('ANALYZE claim_versions')
    const loadMs = msSince(t0)
    psql('CREATE TABLE pairs (i int, subject text, k text)')
    psql(`\\copy pairs FROM '${pairsFile}' WITH (FORMAT csv)`)
    psql('CREATE TABLE timings (us float8)')
    psql(`DO $$
DECLARE p record; t0 timestamptz; v jsonb[];
BEGIN
  FOR p IN SELECT * FROM pairs ORDER BY i LOOP
    t0 := clock_timestamp();
    SELECT array_agg(state) INTO v FROM claim_versions
      WHERE subject COLLATE "C" = p.subject AND key_from COLLATE "C" <= p.k AND key_to COLLATE "C" > p.k;
    INSERT INTO timings VALUES (extract(epoch FROM clock_timestamp() - t0) * 1e6);
  END LOOP;
END $$`)
    const [p50, p99, mean, n] = psql(
      'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY us), percentile_cont(0.99) WITHIN GROUP (ORDER BY us), avg(us), count(*) FROM timings',
    )
      .trim()
      .split('|')
      .map(Number)
    const plan = psql(
      `EXPLAIN (ANALYZE, FORMAT TEXT) SELECT state FROM claim_versions WHERE subject COLLATE "C" = '${pairs[0]?.entity ?? ''}' AND key_from COLLATE "C" <= '${pairs[0]?.key ?? ''}' AND key_to COLLATE "C" > '${pairs[0]?.key ?? ''}'`,
    )
    return {
      loadMs,
      p50: p50 ?? NaN,
      p99: p99 ?? NaN,
      mean: mean ?? NaN,
      n: n ?? 0,
      plan: plan.split('\n')[0] ?? '',
    }
  } finally {
    runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  }
}

const startServer = (args: ReadonlyArray<string>): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const c = fork(join(here, 'child.js'), args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    c.once('message', () => resolve(c))
    c.once('exit', (code) => reject(new Error(`server exited ${code}`)))
  })

/**
 * The product's cold start: `canon serve` (the installed command) spawned on the ledger, with
 * or without an index snapshot; milliseconds from spawn to the first 200 answer to `path`.
 */
const productFirstAnswer = async (
  db: string,
  port: number,
  path: string,
  extra: ReadonlyArray<string>,
): Promise<number> => {
  const t0 = now()
  const child = spawn(
    process.execPath,
    [
      join(here, '../../bin/canon.js'),
      'serve',
      '--store',
      db,
      '--universe',
      'bench',
      '--port',
      String(port),
      ...extra,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'silent' } },
  )
  let exited: number | null | undefined
  child.once('exit', (code) => {
    exited = code
  })
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`canon serve exited with ${String(exited)}`)
      const answered = await fetch(`http://127.0.0.1:${port}${path}`).then(
        async (res) => (await res.text(), res.status === 200),
        () => false,
      )
      if (answered) return msSince(t0)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  } finally {
    const gone = new Promise((resolve) => child.once('exit', resolve))
    if (exited === undefined) {
      child.kill('SIGTERM')
      await gone
    }
  }
}

interface Load {
  readonly rps: number
  readonly p50ms: number
  readonly p99ms: number
  readonly errors: number
  readonly non2xx: number
}

/** `amount`: stop after that many requests instead (a warm-up that asks every path). */
const load = async (
  url: string,
  paths: ReadonlyArray<string>,
  seconds: number,
  amount?: number,
): Promise<Load> => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as (o: unknown) => Promise<{
    requests: { average: number }
    latency: { p99: number; p50: number }
    errors: number
    non2xx: number
  }>
  let i = 0
  const result = await autocannon({
    url,
    connections: 32,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    requests: [
      {
        setupRequest: (req: { path: string }) => ({ ...req, path: paths[i++ % paths.length] }),
      },
    ],
  })
  return {
    rps: result.requests.average,
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }
}

const main = async (): Promise<void> => {
  const results: Record<string, unknown> = {}
  const dir = mkdtempSync(join(tmpdir(), 'canon-bench-'))
  // PostgreSQL runs as its own user when the bench runs as root: it must reach the temp dir.
  chmodSync(dir, 0o755)
  const machine = `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`
  log(`bench: ${claimsTarget} claims, seed ${seed}, ${machine}, in ${dir}`)
  try {
    let t0 = now()
    const u = generateUniverse(claimsTarget, seed)
    const claimChanges = u.claims
    log(
      `generated ${u.commands.length} commands (${u.claims} claims, ${u.changes} changes) in ${msSince(t0).toFixed(0)} ms`,
    )

    // (1) append through the real path: decide, hash chain, one SQLite transaction per batch.
    // With --ledger-cache, a ledger appended by an earlier run of the same size and seed is
    // reused (the append figure is then that run's, not measured again).
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
        claimsPerSec: (claimChanges / appendMs) * 1000,
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
    // In-process index for the query measurements (and a check on the replay child's answer).
    t0 = now()
    const index = buildIndex(recorded)
    const inProcessBuildMs = msSince(t0)
    const live = liveReleases(index)
    const rnd = rng(seed + 1).int
    const pickEntity = () => u.entities[rnd(u.entities.length)] as EntityId
    const pickRelease = () => live[rnd(live.length)]!
    const probe = {
      entity: u.entities[0] as EntityId,
      release: live[Math.floor(live.length / 2)]!.release.id,
    }

    // (2) replay from the store in a fresh process (peak RSS), (3) cold starts.
    const snapshotPath = join(dir, 'index.snapshot')
    const replay = child(['replay', db, probe.entity, probe.release, snapshotPath])
    const fromSnapshot = attempt(() =>
      child(['snapshot', snapshotPath, probe.entity, probe.release]),
    )
    const coldNoSnapshot = child(['replay', db, probe.entity, probe.release])
    results.floor = attempt(() => child(['floor', db]))
    log(`floor: ${JSON.stringify(results.floor)}`)
    results.replay = {
      ...replay,
      inProcessBuildMs,
      claimsPerSec: (claimChanges / Number(replay.replayMs)) * 1000,
    }
    // The same through the product: `canon serve` and `canon serve --snapshot`.
    const probePath = `/v1/entities/${probe.entity}?release=${encodeURIComponent(probe.release)}`
    const product = async (extra: ReadonlyArray<string>, port: number) => {
      try {
        return await productFirstAnswer(db, port, probePath, extra)
      } catch (e) {
        return { error: String(e).slice(0, 400) }
      }
    }
    results.coldStart = {
      withoutSnapshotMs: coldNoSnapshot.firstAnswerMs,
      withSnapshot: fromSnapshot,
      productServe: await product([], 47320),
      productServeSnapshot: await product(['--snapshot', snapshotPath], 47321),
    }
    log(`replay: ${JSON.stringify(results.replay)}`)
    log(`cold start: ${JSON.stringify(results.coldStart)}`)

    // (4) entity as of, in process, 10,000 random pairs per kind of cut (on-screen canon).
    const first = live[0]!.release.date
    const last = live[live.length - 1]!.release.date
    const days = Math.max(1, (Date.parse(last) - Date.parse(first)) / 86_400_000)
    const dateAt = (d: number) =>
      new Date(Date.parse(first) + d * 86_400_000).toISOString().slice(0, 10)
    const make = (n: number, f: () => Pair): Pair[] => Array.from({ length: n }, f)
    const kinds: Record<string, Pair[]> = {
      release: make(queries, () => {
        const r = pickRelease()
        return { entity: pickEntity(), cut: asOfRelease(r.release.id), key: r.key }
      }),
      date: make(queries, () => ({
        entity: pickEntity(),
        cut: asOfDate(isoDate(dateAt(rnd(days + 1)))),
      })),
      progress: make(queries, () => ({
        entity: pickEntity(),
        cut: progress(Array.from({ length: 1 + rnd(3) }, () => pickRelease().release.id)),
      })),
      ledgerPosition: make(queries, () => ({
        entity: pickEntity(),
        cut: latest,
        at: BigInt(rnd(recorded.length)),
      })),
    }
    const asOf: Record<string, ReturnType<typeof percentiles>> = {}
    // Earlier phases' garbage is collected first, so a major GC of it is not timed here.
    globalThis.gc?.()
    for (const [kind, pairs] of Object.entries(kinds)) {
      time(pairs.slice(0, 200), (p) => entityAsOf(index, p.entity, p.cut, onScreenOnly, p.at))
      asOf[kind] = percentiles(
        time(pairs, (p) => entityAsOf(index, p.entity, p.cut, onScreenOnly, p.at)),
      )
    }
    // The same release-cut pairs again: each entity's records are now in cache (a server's
    // hot entities), where the first pass mostly found them cold (a random entity each time).
    asOf.releaseRepeat = percentiles(
      time(kinds.release!, (p) => entityAsOf(index, p.entity, p.cut, onScreenOnly, p.at)),
    )
    asOf.releaseAllSources = percentiles(
      time(kinds.release!, (p) => entityAsOf(index, p.entity, p.cut, allSources)),
    )
    results.entityAsOf = asOf
    log(`entity as of: ${JSON.stringify(asOf)}`)

    // (6a) the naive fold on a sample, which also checks the index answers the same.
    const naiveSample = kinds
      .release!.slice(0, quick ? 20 : 4)
      .concat(kinds.ledgerPosition!.slice(0, quick ? 10 : 2))
    let agree = 0
    const naiveTimes = time(naiveSample, (p) => {
      const a = naiveEntityAsOf(recorded, p.entity, p.cut, onScreenOnly, p.at)
      if (
        JSON.stringify(a) === JSON.stringify(entityAsOf(index, p.entity, p.cut, onScreenOnly, p.at))
      )
        agree += 1
    })
    results.naive = { ...percentiles(naiveTimes), agree, of: naiveSample.length }
    log(`naive: ${JSON.stringify(results.naive)}`)

    // (5) diff between two random releases (projections/diff.ts, a fold from the start).
    const view = ledgerView(recorded)
    const diffPairs = Array.from({ length: quick ? 8 : 3 }, (): [ReleaseId, ReleaseId] => {
      const [a, b] = [pickRelease(), pickRelease()]
      return a.key <= b.key ? [a.release.id, b.release.id] : [b.release.id, a.release.id]
    })
    const diffTimes: number[] = []
    // diff.ts folds from the start: at 1M claims one diff takes minutes, so sampling stops
    // once the budget is spent (at least one diff is always measured).
    const diffBudget = now()
    for (const [a, b] of diffPairs) {
      if (diffTimes.length > 0 && msSince(diffBudget) > (quick ? 10_000 : 60_000)) break
      const t = now()
      const A = admittedReleases(view, asOfRelease(a))
      const B = admittedReleases(view, asOfRelease(b))
      if (E.isRight(A) && E.isRight(B)) diff(view.releases, A.right, B.right, onScreenOnly)
      diffTimes.push(Number(now() - t) / 1e3)
    }
    results.diff = {
      method: 'projections/diff.ts (fold to A, apply (A, B])',
      ...percentiles(diffTimes),
    }
    log(`diff: ${JSON.stringify(results.diff)}`)

    // (6b, 6c) the same release-cut question as indexed SQL over claim versions.
    const rows = versionRows(index)
    const sqlPairs = kinds.release!
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

    // (7) HTTP: entity as of over loopback, three servers in turn with the same load and the
    // same pairs: the product (`canon serve`'s app over the SQLite ledger), a minimal node:http
    // server around the temporal index, and a bare node:http answering a precomputed body (the
    // ceiling). Only pairs whose answer is 200 are asked (a random release cut often predates
    // the entity, and a 404 problem is not the question measured).
    if (!has('no-http')) {
      const admitted = kinds.release!.filter((p) => {
        const found = entityAsOf(index, p.entity, p.cut, onScreenOnly)
        return E.isRight(found) && found.right !== undefined
      })
      const chosen = admitted.slice(0, 2000)
      const releaseOf = (p: Pair) => (p.cut._tag === 'AsOfRelease' ? p.cut.release : '')
      const appPaths = chosen.map((p) => {
        const [kind = '', slug = ''] = p.entity.split('/')
        return `/v1/entities/${encodeURIComponent(kind)}/${encodeURIComponent(slug)}?release=${encodeURIComponent(releaseOf(p))}`
      })
      const indexPaths = chosen.map(
        (p) =>
          `/entity/${encodeURIComponent(p.entity)}?release=${encodeURIComponent(releaseOf(p))}`,
      )
      // The ceiling answers with as many bytes as the product does on average: of the product's
      // answers to the first 200 pairs, the one closest to their mean size (written once the app
      // is up, before bare starts).
      const bodyFile = join(dir, 'body.json')
      const writeMeanBody = async (base: string) => {
        const bodies: string[] = []
        for (const path of appPaths.slice(0, 200))
          bodies.push(await (await fetch(base + path)).text())
        const bytes = bodies.reduce((n, b) => n + b.length, 0) / Math.max(1, bodies.length)
        const off = (b: string) => Math.abs(b.length - bytes)
        writeFileSync(
          bodyFile,
          bodies.reduce((a, b) => (off(b) < off(a) ? b : a), '{}'),
        )
        return { bytes }
      }
      let appBody = { bytes: NaN }
      // The servers run side by side (idle while another is loaded) and are loaded in turn,
      // round after round, so that load from elsewhere on a shared machine falls on all alike;
      // each reports its median round. Each first gets the same warm-up (JIT; the app's first
      // read of the ledger and its answer cache: every path asked twice).
      const rounds = quick ? 3 : 5
      const seconds = quick ? 2 : 4
      const warm = appPaths[0] ?? '/health'
      const servers = {
        app: { args: ['serve-app', db, '47310', warm], port: 47310, paths: appPaths },
        // The same app with its answer cache off: what a first ask of each pair costs.
        uncached: { args: ['serve-app-uncached', db, '47313', warm], port: 47313, paths: appPaths },
        index: { args: ['serve-index', snapshotPath, '47311'], port: 47311, paths: indexPaths },
        bare: { args: ['serve-bare', bodyFile, '47312'], port: 47312, paths: indexPaths },
      }
      const names = Object.keys(servers) as Array<keyof typeof servers>
      const running: ChildProcess[] = []
      try {
        for (const name of names) {
          const s = servers[name]
          running.push(await startServer(s.args))
          await load(`http://127.0.0.1:${s.port}`, s.paths, seconds, 2 * s.paths.length)
          if (name === 'app') appBody = await writeMeanBody(`http://127.0.0.1:${s.port}`)
        }
        const measured: Array<Record<string, Load>> = Array.from({ length: rounds }, () => ({}))
        for (const round of measured)
          for (const name of names) {
            const s = servers[name]
            round[name] = await load(`http://127.0.0.1:${s.port}`, s.paths, seconds)
          }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
        const medianRound = (name: string) => {
          const all = measured.map((r) => r[name]!)
          const rps = median(all.map((x) => x.rps))
          return all.find((x) => x.rps === rps)!
        }
        const ratioOf = (name: string) => median(measured.map((r) => r[name]!.rps / r.bare!.rps))
        results.http = {
          pairs: chosen.length,
          of: kinds.release!.length,
          admitted: admitted.length,
          meanAppBodyBytes: appBody.bytes,
          bareBodyBytes: readFileSync(bodyFile).length,
          rounds: measured,
          app: medianRound('app'),
          uncached: medianRound('uncached'),
          index: medianRound('index'),
          bare: medianRound('bare'),
          ratio: ratioOf('app'),
          uncachedRatio: ratioOf('uncached'),
          indexRatio: ratioOf('index'),
        }
      } catch (e) {
        results.http = { error: String(e).slice(0, 400) }
      } finally {
        for (const server of running) {
          const exited = new Promise((resolve) => server.once('exit', resolve))
          server.kill()
          await exited
        }
      }
      log(`http: ${JSON.stringify(results.http)}`)
    }
    report(results, machine, u)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const report = (
  r: Record<string, unknown>,
  machine: string,
  u: ReturnType<typeof generateUniverse>,
) => {
  const g = (path: string): number => {
    let x: unknown = r
    for (const k of path.split('.')) x = (x as Record<string, unknown> | undefined)?.[k]
    return typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN
  }
  const us = (v: number) => `${v.toFixed(1)} µs`
  const ms = (v: number) => `${v.toFixed(0)} ms`
  const ratio = (theirs: number, ours: number) => `${(theirs / ours).toFixed(1)}x`
  const claims = u.claims
  const rows: Array<[string, string]> = [
    [
      'universe',
      `${claims} claims, ${u.changes} changes, ${u.releases.length} releases (${u.deferred} appended late), ${u.entities.length} entities, ${u.corrections} corrections`,
    ],
    [
      '(1) append into SQLite (decide + hash chain, batches of 20)',
      r.append !== undefined && 'reused' in (r.append as object)
        ? `not measured in this run: the ledger was appended by an earlier run (--ledger-cache)`
        : `${Math.round(g('append.claimsPerSec'))} claims/s (${ms(g('append.ms'))}, ${g('append.refused')} refused)`,
    ],
    [
      '(2) replay from SQLite into the index',
      `${Math.round(g('replay.claimsPerSec'))} claims/s: ${ms(g('replay.replayMs'))} (read ${ms(g('replay.readMs'))}, decode ${ms(g('replay.decodeMs'))}, index ${ms(g('replay.buildMs'))})`,
    ],
    [
      '    peak RSS of the replay process',
      `${(g('replay.maxRssBytes') / 2 ** 20).toFixed(0)} MiB = ${(g('replay.maxRssBytes') / claims).toFixed(0)} B/claim (after GC ${(g('replay.rssAfterGc') / claims).toFixed(0)} B/claim)`,
    ],
    [
      '    floor: the store read alone (rows + JSON.parse; nothing decoded or indexed)',
      `${ms(g('floor.readMs'))}; peak RSS ${(g('floor.maxRssBytes') / claims).toFixed(0)} B/claim, holding the parsed events ${(g('floor.rssHoldingBytes') / claims).toFixed(0)} B/claim (${((g('floor.rssHoldingBytes') - g('floor.rssAtStartBytes')) / claims).toFixed(0)} above the process's own ${(g('floor.rssAtStartBytes') / 2 ** 20).toFixed(0)} MiB)`,
    ],
    ['(3) cold start to first answer, no snapshot', ms(g('coldStart.withoutSnapshotMs'))],
    [
      '    the product: `canon serve`, spawned, to its first 200 answer',
      `${ms(g('coldStart.productServe'))}; with \`--snapshot\` ${ms(g('coldStart.productServeSnapshot'))} (every view read from the restored index; no event decoded but the one it ends with)`,
    ],
    [
      '    cold start from snapshot',
      `${ms(g('coldStart.withSnapshot.firstAnswerMs'))} to first answer, lazily; every entity materialized at ${ms(g('coldStart.withSnapshot.fullyLoadedMs'))} (snapshot ${(g('replay.snapshotBytes') / 2 ** 20).toFixed(0)} MiB)`,
    ],
  ]
  for (const k of [
    'release',
    'releaseRepeat',
    'date',
    'progress',
    'ledgerPosition',
    'releaseAllSources',
  ])
    rows.push([
      `(4) entity as of ${k} cut p50 / p99`,
      `${us(g(`entityAsOf.${k}.p50`))} / ${us(g(`entityAsOf.${k}.p99`))}`,
    ])
  rows.push([
    '(5) diff of two releases p50 / p99 (projections/diff.ts)',
    `${ms(g('diff.p50') / 1000)} / ${ms(g('diff.p99') / 1000)}`,
  ])
  rows.push([
    '(6a) naive fold p50 (sample; answers agree)',
    `${ms(g('naive.p50') / 1000)} = ${ratio(g('naive.p50'), g('entityAsOf.release.p50'))} ours (${g('naive.agree')}/${g('naive.of')} agree)`,
  ])
  rows.push([
    '(6b) SQLite indexed SQL p50 / p99',
    `${us(g('sqlite.p50'))} / ${us(g('sqlite.p99'))} = ${ratio(g('sqlite.p50'), g('entityAsOf.release.p50'))} / ${ratio(g('sqlite.p99'), g('entityAsOf.release.p99'))} ours`,
  ])
  if (r.postgres !== undefined)
    rows.push([
      '(6c) PostgreSQL indexed SQL p50 / p99 (server-side)',
      `${us(g('postgres.p50'))} / ${us(g('postgres.p99'))} = ${ratio(g('postgres.p50'), g('entityAsOf.release.p50'))} / ${ratio(g('postgres.p99'), g('entityAsOf.release.p99'))} ours`,
    ])
  if (r.http !== undefined) {
    const pct = (v: number) => `${(100 * v).toFixed(0)}%`
    const line = (k: string) =>
      `${Math.round(g(`http.${k}.rps`))} req/s, p99 ${g(`http.${k}.p99ms`)} ms, non-2xx ${g(`http.${k}.non2xx`)}`
    rows.push([
      '(7) HTTP entity as of: the product app (GET /v1/entities/{kind}/{slug}?release=)',
      `${line('app')} = ${pct(g('http.ratio'))} of bare (${g('http.pairs')} pairs the cut admits, asked in turn: after the warm-up, answers come from its cache; median of ${(r.http as { rounds?: unknown[] }).rounds?.length ?? 0} rounds)`,
    ])
    rows.push([
      '    the product app with its answer cache off (every request computed)',
      `${line('uncached')} = ${pct(g('http.uncachedRatio'))} of bare`,
    ])
    rows.push([
      '    minimal node:http server around the index',
      `${line('index')} = ${pct(g('http.indexRatio'))} of bare`,
    ])
    rows.push([
      '    bare node:http, precomputed body (the ceiling)',
      `${line('bare')} (a ${g('http.bareBodyBytes')} B body; the app's mean ${Math.round(g('http.meanAppBodyBytes'))} B)`,
    ])
  }
  /** A target's verdict on a measure; a measure this run skipped (NaN) is not judged. */
  const judged = (v: number, ok: (v: number) => boolean): boolean | undefined =>
    Number.isNaN(v) ? undefined : ok(v)
  const targets: Array<[string, boolean | undefined]> = [
    ['entity as of a release cut p99 < 50 µs', judged(g('entityAsOf.release.p99'), (v) => v < 50)],
    [
      '... and >= 20x faster than PostgreSQL (p99)',
      judged(g('postgres.p99') / g('entityAsOf.release.p99'), (v) => v >= 20),
    ],
    [
      `full replay from SQLite < 2 s (the store read alone: ${ms(g('floor.readMs'))})`,
      judged(g('replay.replayMs'), (v) => v < 2000),
    ],
    [
      'cold start from snapshot < 1 s',
      judged(g('coldStart.withSnapshot.firstAnswerMs'), (v) => v < 1000),
    ],
    [
      `RSS < 500 B per claim (the parsed events alone: ${(g('floor.rssHoldingBytes') / claims).toFixed(0)} B)`,
      judged(g('replay.maxRssBytes') / claims, (v) => v < 500),
    ],
    ['HTTP (product app) >= 70% of bare node:http', judged(g('http.ratio'), (v) => v >= 0.7)],
  ]
  const table = [
    `| measure (${claims} claims) | result |`,
    '| --- | --- |',
    ...rows.map(([a, b]) => `| ${a} | ${b} |`),
    '',
    `| target${claims < 1_000_000 ? ' (targets are stated at 1,000,000 claims)' : ''} | |`,
    '| --- | --- |',
    ...targets.map(
      ([a, ok]) => `| ${a} | ${ok === undefined ? 'not measured' : ok ? 'PASS' : 'FAIL'} |`,
    ),
  ].join('\n')
  console.log(
    `\nmachine: ${machine}\ncommand: node --expose-gc dist/bench/run.js ${process.argv.slice(2).join(' ')}\n\n${table}\n`,
  )
  mkdirSync(resultsDir, { recursive: true })
  const file = join(
    resultsDir,
    `bench-${claims}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  )
  writeFileSync(
    file,
    JSON.stringify(
      { machine, args: process.argv.slice(2), results: r, targets, table },
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
      2,
    ),
  )
  log(`written ${file}`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
