/**
 * The bench's one table: each figure with ours, its anchor (what it is compared with, measured
 * in the same run), the ratio, the target and whether it is met. Where a target is not met the
 * figure says what bounds it in bench/RESULTS.md, measured.
 */
export interface Row {
  readonly figure: string
  readonly ours: string
  readonly anchor: string
  readonly ratio: string
  readonly target: string
  readonly met: string
}

import type { HttpResults, Load } from './http'

/** The figures of the run before the read port (bench/RESULTS.md at af561a5), by size. */
const before: Record<
  number,
  { readonly append: number; readonly p50: number; readonly p99: number }
> = {
  10_000: { append: 24_927, p50: 6.1, p99: 59.2 },
  100_000: { append: 18_939, p50: 9.4, p99: 82.3 },
  1_000_000: { append: 2_997, p50: 16.6, p99: 181.5 },
}

export const report = (r: Record<string, unknown>, claims: number): Row[] => {
  const g = (path: string): number => {
    let x: unknown = r
    for (const k of path.split('.')) x = (x as Record<string, unknown> | undefined)?.[k]
    return typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN
  }
  const fixed = (v: number, digits = 0) => (Number.isNaN(v) ? 'n/a' : v.toFixed(digits))
  const us = (v: number) => `${fixed(v, 1)} µs`
  const ms = (v: number) => `${fixed(v, v < 10 ? 1 : 0)} ms`
  const perClaim = (bytes: number) => `${fixed(bytes / claims)} B/claim`
  const ratio = (a: number, b: number) =>
    Number.isNaN(a) || Number.isNaN(b) ? '' : `${(a / b).toFixed(2)}x`
  const met = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'yes' : 'no')
  const judged = (v: number, ok: (v: number) => boolean) => (Number.isNaN(v) ? undefined : ok(v))
  const was = before[claims]
  const rows: Row[] = []
  const reused = r.append !== undefined && 'reused' in (r.append as object)
  rows.push({
    figure: '(1) append into SQLite (decide + hash chain, batches of 20)',
    ours: reused
      ? 'not measured: ledger reused (--ledger-cache)'
      : `${fixed(g('append.claimsPerSec'))} claims/s`,
    anchor: was === undefined ? '' : `before the read port: ${was.append} claims/s`,
    ratio: reused || was === undefined ? '' : ratio(g('append.claimsPerSec'), was.append),
    target: claims === 100_000 ? 'no more than 10% slower than before (issue 13)' : '',
    met:
      claims === 100_000 && !reused && was !== undefined
        ? met(g('append.claimsPerSec') >= 0.9 * was.append)
        : '',
  })
  const floor = g('floor.readMs')
  rows.push({
    figure:
      "(2) the reader built from the store, to its first answer (the bench's replay; a server's start without a snapshot builds the same)",
    ours: `${ms(g('replay.replayMs'))} (store reads ${ms(g('replay.readMs'))}, filing ${ms(g('replay.buildMs'))})`,
    anchor: `store-read floor (rows + JSON.parse, held): ${ms(floor)}`,
    ratio: ratio(g('replay.replayMs'), floor),
    target: '<= 1.5x the floor',
    met: met(judged(g('replay.replayMs') / floor, (v) => v <= 1.5)),
  })
  rows.push({
    figure: '    peak resident memory of that process',
    ours: perClaim(g('replay.maxRssBytes')),
    anchor: `floor: ${perClaim(g('floor.maxRssBytes'))} peak, ${perClaim(g('floor.rssHoldingBytes'))} holding the parsed events`,
    ratio: '',
    target: '<= 500 B/claim',
    met: met(judged(g('replay.maxRssBytes') / claims, (v) => v <= 500)),
  })
  rows.push({
    figure: '(3) start from a snapshot: first answer (process uptime)',
    ours: `${ms(g('restore.firstAnswerMs'))} (snapshot ${fixed(g('replay.snapshotBytes') / 2 ** 20, 1)} MiB, restored in ${ms(g('restore.restoreMs'))})`,
    anchor: '',
    ratio: '',
    target: '< 1 s',
    met: met(judged(g('restore.firstAnswerMs'), (v) => v < 1000)),
  })
  rows.push({
    figure: '    the whole index ready (process uptime)',
    ours: ms(g('restore.readyMs')),
    anchor: '',
    ratio: '',
    target: '< 2 s',
    met: met(judged(g('restore.readyMs'), (v) => v < 2000)),
  })
  rows.push({
    figure: "    an append right after the start, until a read sees it (the reader's part)",
    ours: ms(g('restore.appendVisibleMs')),
    anchor: '',
    ratio: '',
    target: '<= 100 ms',
    met: met(judged(g('restore.appendVisibleMs'), (v) => v <= 100)),
  })
  rows.push({
    figure: '    resident memory while serving (after reading 5,000 entities, their answers kept)',
    ours: `${perClaim(g('restore.servingRssBytes'))} (of it: JS heap ${perClaim(g('restore.servingHeapBytes'))}, typed arrays ${perClaim(g('restore.servingArrayBytes'))})`,
    anchor: '',
    ratio: '',
    target: '<= 500 B/claim',
    met: met(judged(g('restore.servingRssBytes') / claims, (v) => v <= 500)),
  })
  const pg50 = g('postgres.p50')
  const pg99 = g('postgres.p99')
  const capacity = g('answerCache.capacity')
  for (const kind of ['release', 'date', 'ledgerPosition', 'watched', 'allSources']) {
    const w50 = g(`entityAsOf.${kind}.warm.p50`)
    const w99 = g(`entityAsOf.${kind}.warm.p99`)
    const f99 = g(`entityAsOf.${kind}.firstTouch.p99`)
    const u50 = g(`entityAsOf.${kind}.uncached.p50`)
    const u99 = g(`entityAsOf.${kind}.uncached.p99`)
    const isRelease = kind === 'release'
    rows.push({
      figure: `(4) entity as of a ${kind === 'allSources' ? 'release, every source tier' : kind === 'ledgerPosition' ? 'ledger position' : kind === 'watched' ? 'watched set (a range and two releases)' : kind} p50 / p99 warm (answers kept: a cache of ${fixed(capacity)}); p99 first touch; the reader alone warm p50 / p99`,
      ours: `${us(w50)} / ${us(w99)}; ${us(f99)}; ${us(u50)} / ${us(u99)}`,
      anchor: isRelease
        ? `PostgreSQL B-tree ${us(pg50)} / ${us(pg99)}${was === undefined ? '' : `; before the port ${us(was.p50)} / ${us(was.p99)}`}`
        : '',
      ratio: isRelease ? `${ratio(pg50, w50)} / ${ratio(pg99, w99)} faster` : '',
      target: `p50 <= 3 µs, p99 <= 50 µs warm, <= 200 µs first touch${isRelease ? '; >= 20x / 10x PostgreSQL' : ''}`,
      met: met(
        judged(w50, (v) => v <= 3) === undefined
          ? undefined
          : w50 <= 3 &&
              w99 <= 50 &&
              f99 <= 200 &&
              (!isRelease || (pg50 / w50 >= 20 && pg99 / w99 >= 10)),
      ),
    })
  }
  rows.push({
    figure: '    the same question in SQLite with a B-tree (in process) p50 / p99',
    ours: '',
    anchor: `${us(g('sqlite.p50'))} / ${us(g('sqlite.p99'))} (${g('sqlite.rows')} version rows)`,
    ratio: `${ratio(g('sqlite.p50'), g('entityAsOf.release.warm.p50'))} / ${ratio(g('sqlite.p99'), g('entityAsOf.release.warm.p99'))} faster`,
    target: '',
    met: '',
  })
  rows.push({
    figure: '    the reference reader (a fold of the whole ledger per read), on a sample',
    ours: '',
    anchor: `${ms(g('naive.p50') / 1000)} p50 (${g('naive.agree')}/${g('naive.of')} answers identical to ours)`,
    ratio: `${ratio(g('naive.p50'), g('entityAsOf.release.warm.p50'))} faster`,
    target: 'identical answers',
    met: met(judged(g('naive.of'), (n) => g('naive.agree') === n)),
  })
  rows.push({
    figure: '(5) diff between adjacent releases, first page p50 / p99',
    ours: `${ms(g('pages.diffAdjacent.p50'))} / ${ms(g('pages.diffAdjacent.p99'))}`,
    anchor: '',
    ratio: '',
    target: 'p50 <= 5 ms',
    met: met(judged(g('pages.diffAdjacent.p50'), (v) => v <= 5)),
  })
  const pageNames = Object.keys((r.pages as Record<string, unknown> | undefined) ?? {}).filter(
    (k) => k !== 'diffAdjacent',
  )
  const worst = Math.max(...pageNames.map((k) => g(`pages.${k}.max`)))
  rows.push({
    figure: `    every page (of 100): ${pageNames.map((k) => `${k} ${ms(g(`pages.${k}.max`))}`).join('; ')} (the slowest page of each)`,
    ours: `max ${ms(worst)}`,
    anchor: '',
    ratio: '',
    target: '<= 20 ms each',
    met: met(judged(worst, (v) => v <= 20)),
  })
  rows.push({
    figure:
      '(7) the costliest request anyone may send: searches (1 to 100 characters), lookups that miss, an unknown claim, fact, release or series',
    ours: `max ${ms(g('bounded.maxCpuMs'))} CPU`,
    anchor: '',
    ratio: '',
    target: '<= 50 ms CPU each',
    met: met(judged(g('bounded.maxCpuMs'), (v) => v <= 50)),
  })
  rows.push(...httpRows(r.http as HttpResults | undefined, { ms, fixed, met }))
  return rows
}

/**
 * Targets 6 and 7 over HTTP (bench/http.ts): each ratio the median of its rounds. Where one is
 * not met, the row after it says what bounds it, measured in the same run.
 */
const httpRows = (
  h: HttpResults | undefined,
  f: {
    readonly ms: (v: number) => string
    readonly fixed: (v: number, digits?: number) => string
    readonly met: (ok: boolean | undefined) => string
  },
): Row[] => {
  const { ms, fixed, met } = f
  if (h === undefined)
    return [
      {
        figure: '(6) HTTP through express; (7) /health under 8 worst-case requests',
        ours: 'not measured: --no-http',
        anchor: '',
        ratio: '',
        target: '>= 80% / 50% of bare node:http; /health p99 < 100 ms',
        met: 'not measured',
      },
    ]
  const rps = (l: Load) =>
    `${fixed(l.rps)} req/s (${fixed(l.cpuUsPerRequest)} µs CPU/req, p99 ${ms(l.p99ms)}${l.non2xx + l.errors > 0 ? `, ${l.non2xx} non-2xx, ${l.errors} errors` : ''})`
  const pct = (v: number) => (Number.isNaN(v) ? 'n/a' : `${fixed(100 * v)}%`)
  const rows: Row[] = []
  const repeatedMet = h.repeated.ratio >= 0.8
  rows.push({
    figure: `(6) HTTP through express, repeated URLs (entity as of a release, ${h.paths} URLs of ${fixed(h.meanBodyBytes)} B, 16 connections; answered from the representation cache)`,
    ours: rps(h.repeated.app),
    anchor: `bare node:http answering the same bytes made in advance: ${rps(h.repeated.bare)}`,
    ratio: pct(h.repeated.ratio),
    target: '>= 80% of bare node:http',
    met: met(Number.isNaN(h.repeated.ratio) ? undefined : repeatedMet),
  })
  if (!repeatedMet)
    rows.push({
      figure:
        '    what bounds it: express itself (one route answering the same bytes, no middleware), the request log (a line per request to stdout, as `canon serve` writes), and the CPU per request of the rest of the product (security headers, URL checks, the query decoded, the head looked up, the cache lookup)',
      ours: `express alone: ${rps(h.repeated.expressFloor)}; the app without its request log: ${rps(h.repeated.unlogged)}`,
      anchor: `over express alone, the request log costs ${fixed(h.repeated.app.cpuUsPerRequest - h.repeated.unlogged.cpuUsPerRequest)} µs CPU/req, the rest of the product ${fixed(h.repeated.unlogged.cpuUsPerRequest - h.repeated.expressFloor.cpuUsPerRequest)} µs`,
      ratio: `express alone ${pct(h.repeated.expressFloorRatio)}, the app unlogged ${pct(h.repeated.unloggedRatio)} of bare`,
      target: '',
      met: '',
    })
  const computedMet = h.computed.ratio >= 0.5
  rows.push({
    figure:
      '(6) HTTP through express, computed answers (the same URLs, the representation cache off: each answer read and serialized per request)',
    ours: rps(h.computed.app),
    anchor: `bare node:http computing the same answers with the same reader: ${rps(h.computed.bare)}`,
    ratio: `${pct(h.computed.ratio)} (${pct(h.computed.ofCeiling)} of bytes made in advance)`,
    target: '>= 50% of bare node:http',
    met: met(Number.isNaN(h.computed.ratio) ? undefined : computedMet),
  })
  if (!computedMet)
    rows.push({
      figure:
        '    what bounds it: the CPU per request of express and the product over the bare server',
      ours: `${fixed(h.computed.app.cpuUsPerRequest - h.computed.bare.cpuUsPerRequest)} µs CPU/req more than bare`,
      anchor: `express alone adds ${fixed(h.repeated.expressFloor.cpuUsPerRequest - h.repeated.bare.cpuUsPerRequest)} µs CPU/req over bare`,
      ratio: '',
      target: '',
      met: '',
    })
  const worstMet = h.worst.maxCpuMs <= 50
  rows.push({
    figure: `(7) the costliest request that needs no token, over HTTP (${h.worst.samples.length} kinds: widest pages, fuzzy searches 1 to 120 characters, misses; one at a time, representation cache off), server CPU per request, the first time asked; again`,
    ours: `max ${ms(h.worst.maxCpuMs)} CPU (${h.worst.worstUrl}); again max ${ms(h.worst.maxAgainCpuMs)}`,
    anchor: '',
    ratio: '',
    target: '<= 50 ms CPU each',
    met: met(Number.isNaN(h.worst.maxCpuMs) ? undefined : worstMet),
  })
  if (!worstMet)
    rows.push({
      figure:
        '    what bounds it: the requests over 50 ms, first / again, and the same as a page of 100 items (the default) instead of 1000 (the cap)',
      ours: h.worst.samples
        .filter((s) => s.cpuMs > 50 || s.againCpuMs > 50)
        .map(
          (s) =>
            `${s.url}: ${ms(s.cpuMs)} / ${ms(s.againCpuMs)}${s.pageOf100CpuMs === undefined ? '' : `; a page of 100: ${ms(s.pageOf100CpuMs)}`}`,
        )
        .join('; '),
      anchor: '',
      ratio: '',
      target: '',
      met: '',
    })
  const v = h.verify
  rows.push({
    figure:
      '(7) GET /v1/verify, the first time at a head (the chain walked in slices, 503 busy + Retry-After while it walks) and again (the result kept per head); /health p99 meanwhile',
    ours: `first ${ms(v.firstCpuMs)} CPU in ${ms(v.firstWallMs)} (${v.busyAnswers} busy answers); again ${ms(v.againCpuMs)} CPU; /health p99 ${ms(v.healthDuringWalk.p99)} (n ${v.healthDuringWalk.n})`,
    anchor: '',
    ratio: '',
    target: 'again <= 50 ms CPU; /health p99 < 100 ms',
    met: met(
      Number.isNaN(v.againCpuMs) ? undefined : v.againCpuMs <= 50 && v.healthDuringWalk.p99 < 100,
    ),
  })
  const health = h.healthUnderLoad
  const healthMet = health.p99 < 100
  rows.push({
    figure:
      '(7) GET /health p99 while 8 clients send the 8 costliest requests without pause (representation cache off), asked every 10 ms',
    ours: `${ms(health.p99)} (p50 ${ms(health.p50)}, max ${ms(health.max)}, n ${health.n})`,
    anchor: `${health.worstRequests} costly requests answered meanwhile, ${health.busy} of them 503 busy`,
    ratio: '',
    target: '< 100 ms',
    met: met(Number.isNaN(health.p99) ? undefined : healthMet),
  })
  if (!healthMet)
    rows.push({
      figure:
        "    what bounds it: a request runs in one piece on the event loop (the read gate lets computed reads take turns between requests, not within one), so /health waits behind the read running; and the server's share of the machine (its CPU over the wall time, the machine's load average above)",
      ours: `the server's event loop held p99 ${ms(health.loopP99Ms)}, max ${ms(health.loopMaxMs)}; the costliest request ${ms(h.worst.maxCpuMs)} CPU`,
      anchor: `the server had ${pct(health.serverCoreShare)} of a core`,
      ratio: '',
      target: '',
      met: '',
    })
  return rows
}
