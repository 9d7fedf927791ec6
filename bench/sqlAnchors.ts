import { execFileSync } from 'node:child_process'
import { chownSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { VersionRow } from './versions'
import { msSince, now, percentiles, timeEach } from './measure'

/**
 * The anchors a B-tree gives: the same release-cut question over the claim versions table
 * (versions.ts), in SQLite in process and in a throwaway PostgreSQL timed inside the server.
 */
export interface SqlPair {
  readonly entity: string
  /** The release sort key of the cut's release. */
  readonly key: string
}

const time = <T>(items: ReadonlyArray<T>, run: (item: T) => unknown): number[] =>
  timeEach(items, run)

export const sqliteAlternative = (
  dir: string,
  rows: ReadonlyArray<VersionRow>,
  pairs: ReadonlyArray<SqlPair>,
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
export const postgresAlternative = (
  dir: string,
  rows: ReadonlyArray<VersionRow>,
  pairs: ReadonlyArray<SqlPair>,
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
