import type { ChildProcess } from 'node:child_process'
import { fork } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Pair } from './pairs'
import type { Percentiles } from './measure'
import { log, msSince, now, percentiles } from './measure'

/**
 * Targets 6 and 7 over HTTP (issue 14), against the servers of bench/httpServer.ts:
 * - throughput of entity-as-of URLs through express, repeated (answered from the
 *   representation cache) next to a bare node:http server answering the same bytes, and
 *   computed (the cache off) next to a bare node:http server computing the same answers with
 *   the same reader; the servers are loaded in turn, round after round, each ratio the median
 *   of its rounds;
 *   beside them, express alone and the app without its request log (what bounds the ratio);
 * - the CPU of each of the costliest requests anyone may send (no token), asked one at a time,
 *   twice (a page of 1000 also as a page of 100); GET /v1/verify the first time at a head (the
 *   walk of the chain, in slices) and again;
 * - /health latency (probed from a process of its own) while 8 clients send the costliest
 *   requests without pause, beside the server's event loop delay meanwhile.
 */
export interface Load {
  readonly rps: number
  /** The servers' process CPU per request answered (load-independent; the others idle). */
  readonly cpuUsPerRequest: number
  readonly p50ms: number
  readonly p99ms: number
  readonly non2xx: number
  readonly errors: number
}

export interface HttpResults {
  readonly paths: number
  readonly meanBodyBytes: number
  readonly rounds: ReadonlyArray<Record<string, Load>>
  readonly repeated: {
    readonly app: Load
    readonly bare: Load
    readonly ratio: number
    /** Express with one route answering the same bytes: the ceiling of any express app. */
    readonly expressFloor: Load
    readonly expressFloorRatio: number
    /** The app without its request log (a line per request to stdout, as `canon serve`). */
    readonly unlogged: Load
    readonly unloggedRatio: number
  }
  readonly computed: {
    readonly app: Load
    readonly bare: Load
    readonly ratio: number
    /** The cache-off app next to the ceiling (a bare server answering bytes made in advance). */
    readonly ofCeiling: number
  }
  readonly worst: {
    readonly maxCpuMs: number
    readonly worstUrl: string
    /** The costliest asked a second time. */
    readonly maxAgainCpuMs: number
    readonly samples: ReadonlyArray<{
      readonly url: string
      readonly status: number
      /** The first time it is asked, and again (the reader's own lazily built parts kept). */
      readonly cpuMs: number
      readonly againCpuMs: number
      /** A page of 1000 asked as a page of 100 (the default), to show the page cap's part. */
      readonly pageOf100CpuMs?: number
    }>
  }
  readonly verify: {
    readonly firstCpuMs: number
    readonly firstWallMs: number
    readonly busyAnswers: number
    readonly retryAfter: string
    readonly againCpuMs: number
    readonly healthDuringWalk: Percentiles
  }
  readonly healthUnderLoad: Percentiles & {
    readonly worstRequests: number
    readonly busy: number
    /** The servers' CPU over the wall time of the load: the share of a core they had. */
    readonly serverCoreShare: number
    /** The servers' event loop delay meanwhile, p99 and max (ms). */
    readonly loopP99Ms: number
    readonly loopMaxMs: number
  }
}

const autocannonOf = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('autocannon') as (o: unknown) => Promise<{
    requests: { average: number; total: number }
    latency: { p50: number; p99: number }
    errors: number
    non2xx: number
  }>

/** `amount`: that many requests instead of `seconds` (a warm-up asking every path). */
const load = async (
  base: string,
  paths: ReadonlyArray<string>,
  seconds: number,
  amount?: number,
  cpu: () => Promise<number> = () => Promise.resolve(NaN),
): Promise<Load> => {
  let i = 0
  const c0 = await cpu()
  const r = await autocannonOf()({
    url: base,
    connections: 16,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    requests: [
      { setupRequest: (req: { path: string }) => ({ ...req, path: paths[i++ % paths.length] }) },
    ],
  })
  const cpuMs = (await cpu()) - c0
  return {
    rps: r.requests.average,
    cpuUsPerRequest: (cpuMs * 1000) / Math.max(1, r.requests.total),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  }
}

const median = (xs: ReadonlyArray<number>): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN

const pathOf = (p: Pair): string => {
  const release = p.at.release._tag === 'AsOfRelease' ? p.at.release.release : ''
  const [kind = '', slug = ''] = p.entity.split('/')
  return `/v1/entities/${encodeURIComponent(kind)}/${encodeURIComponent(slug)}?release=${encodeURIComponent(release)}`
}

/** The costliest requests anyone may send: the widest pages, fuzzy names, misses. */
export const worstPaths = (entities: ReadonlyArray<string>, releases: ReadonlyArray<string>) => {
  const q = encodeURIComponent
  const far = entities[0] ?? 'thing/e0'
  const watched = releases.slice(0, 180).join(',')
  return [
    ...['e', '1', 'entity', 'entity 1', 'x'.repeat(100), 'thing/', 'alias', 'zq', 'Entty 12'].map(
      (t) => `/v1/search?q=${q(t)}&limit=50&canon=all`,
    ),
    ...['Entty 1234', 'thing/e123456789', 'Alias 99x', 'x'.repeat(120)].map(
      (t) => `/v1/canon?entity=${q(t)}&canon=all`,
    ),
    `/v1/entities/thing/e1?release=rel-99999x`,
    `/v1/entities/${far}?watched=${q(watched)}&canon=all`,
    `/v1/claims/c123456x/history?canon=all`,
    `/v1/entities/${far}/history?canon=all&limit=1000`,
    `/v1/entities/${far}/history?predicate=p999&canon=all`,
    `/v1/history?canon=all&limit=1000`,
    `/v1/history?changes=revised&canon=all&limit=1000`,
    `/v1/diff?from=start&to=latest&canon=all&limit=1000`,
    `/v1/diff?from=start&to=latest&entity=${q(far)}&canon=all&limit=1000`,
    `/v1/timeline?canon=all&limit=1000`,
    `/v1/releases?limit=1000`,
    `/v1/releases?series=${q('Seres 1')}`,
    '/openapi.json',
  ]
}

const serverNames = [
  'app',
  'bareFixed',
  'expressFloor',
  'appUnlogged',
  'uncached',
  'bareComputed',
] as const
type ServerName = (typeof serverNames)[number]

interface Server {
  readonly child: ChildProcess
  readonly ports: Record<ServerName, number>
  readonly meanBodyBytes: number
}

const startServers = (script: string, args: ReadonlyArray<string>): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child = fork(script, args, {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: ['--expose-gc', '--max-old-space-size=4000'],
    })
    child.once('message', (m) => resolve({ child, ...(m as Omit<Server, 'child'>) }))
    child.once('exit', (code) => reject(new Error(`the HTTP servers exited (${code})`)))
  })

interface ServerClock {
  readonly cpuMs: number
  /** The event loop's delay since the clock was last read: p99 and max. */
  readonly loopP99Ms: number
  readonly loopMaxMs: number
}

const clockOf = (child: ChildProcess): Promise<ServerClock> =>
  new Promise((resolve) => {
    child.once('message', (m) => resolve(m as ServerClock))
    child.send('cpu')
  })

const cpuOf = async (child: ChildProcess): Promise<number> => (await clockOf(child)).cpuMs

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * /health asked one request at a time, every `everyMs`, by bench/healthProbe.ts (a process of
 * its own) from when it has started until `stop`, which gives the latencies (ms).
 */
const probeHealth = (
  url: string,
  everyMs = 10,
): Promise<{ readonly stop: () => Promise<number[]> }> =>
  new Promise((resolve, reject) => {
    const probe = fork(join(__dirname, 'healthProbe.js'), [url, String(everyMs)], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    const failed = new Promise<never>((_, fail) =>
      probe.once('exit', (code) => {
        const e = new Error(`the /health probe exited (${code}) before its answer`)
        reject(e)
        fail(e)
      }),
    )
    failed.catch(() => undefined)
    probe.once('message', () =>
      resolve({
        stop: () => {
          const samples = new Promise<number[]>((done) =>
            probe.once('message', (m) => done(m as number[])),
          )
          probe.send('stop')
          return Promise.race([samples, failed])
        },
      }),
    )
  })

export const httpBench = async (options: {
  readonly dir: string
  readonly db: string
  readonly snapshotPath: string
  readonly pairs: ReadonlyArray<Pair>
  readonly entities: ReadonlyArray<string>
  readonly releases: ReadonlyArray<string>
  readonly quick: boolean
}): Promise<HttpResults> => {
  const paths = options.pairs.slice(0, options.quick ? 500 : 2000).map(pathOf)
  const urlsFile = join(options.dir, 'http-urls.json')
  writeFileSync(urlsFile, JSON.stringify(paths))
  const server = await startServers(join(__dirname, 'httpServer.js'), [
    options.db,
    options.snapshotPath,
    urlsFile,
  ])
  const base = (name: keyof Server['ports']) => `http://127.0.0.1:${server.ports[name]}`
  try {
    const rounds = options.quick ? 1 : 3
    const seconds = options.quick ? 2 : 4
    // The same warm-up for each (JIT, the reader's blocks; the app's cache: every path twice).
    for (const name of serverNames) await load(base(name), paths, seconds, 2 * paths.length)
    const measured: Array<Record<string, Load>> = []
    for (let i = 0; i < rounds; i++) {
      const round: Record<string, Load> = {}
      for (const name of serverNames)
        round[name] = await load(base(name), paths, seconds, undefined, () => cpuOf(server.child))
      measured.push(round)
      log(`http round ${i + 1}: ${JSON.stringify(round)}`)
    }
    const medianRound = (name: string): Load => {
      const rps = median(measured.map((r) => r[name]?.rps ?? NaN))
      return measured.map((r) => r[name] as Load).find((l) => l.rps === rps) as Load
    }
    const ratio = (a: string, b: string) =>
      median(measured.map((r) => (r[a]?.rps ?? NaN) / (r[b]?.rps ?? NaN)))

    // The costliest requests, one at a time, to the app with its representation cache off.
    const asked = async (url: string): Promise<{ status: number; cpuMs: number }> => {
      const c0 = await cpuOf(server.child)
      const res = await fetch(`${base('uncached')}${url}`)
      await res.arrayBuffer()
      return { status: res.status, cpuMs: (await cpuOf(server.child)) - c0 }
    }
    const samples: Array<HttpResults['worst']['samples'][number]> = []
    for (const url of worstPaths(options.entities, options.releases)) {
      const first = await asked(url)
      const again = await asked(url)
      const paged = url.includes('limit=1000')
        ? await asked(url.replace('limit=1000', 'limit=100'))
        : undefined
      samples.push({
        url,
        ...first,
        againCpuMs: again.cpuMs,
        ...(paged === undefined ? {} : { pageOf100CpuMs: paged.cpuMs }),
      })
    }
    const worst = samples.reduce((a, b) => (b.cpuMs > a.cpuMs ? b : a))

    // GET /v1/verify at this head: asked until it answers (503 + Retry-After while it walks),
    // /health asked meanwhile; then asked again.
    const healthDuringWalk = await probeHealth(`${base('app')}/health`)
    const v0 = await cpuOf(server.child)
    const t0 = now()
    let busyAnswers = 0
    let retryAfter = ''
    for (;;) {
      const res = await fetch(`${base('app')}/v1/verify`)
      await res.arrayBuffer()
      if (res.status !== 503) break
      busyAnswers += 1
      retryAfter = res.headers.get('retry-after') ?? ''
      await sleep(Math.min(1000, Number(retryAfter) * 1000 || 200))
    }
    const firstWallMs = msSince(t0)
    const firstCpuMs = (await cpuOf(server.child)) - v0
    const healthWalk = percentiles(await healthDuringWalk.stop())
    const a0 = await cpuOf(server.child)
    await (await fetch(`${base('app')}/v1/verify`)).arrayBuffer()
    const againCpuMs = (await cpuOf(server.child)) - a0

    // /health while 8 clients send the costliest requests without pause, to the app with its
    // representation cache off (so that each is computed again).
    const costly = [...samples]
      .sort((a, b) => b.cpuMs - a.cpuMs)
      .slice(0, 8)
      .map((s) => s.url)
    let loading = true
    let sent = 0
    let busy = 0
    const clients = Array.from({ length: 8 }, async (_, c) => {
      for (let i = 0; loading; i++) {
        const res = await fetch(
          `${base('uncached')}${costly[(c + i) % costly.length] ?? '/health'}`,
        )
        await res.arrayBuffer()
        sent += 1
        if (res.status === 503) busy += 1
      }
    })
    const before = await clockOf(server.child)
    const t1 = now()
    const probe = await probeHealth(`${base('uncached')}/health`)
    await sleep(options.quick ? 2000 : 5000)
    const health = await probe.stop()
    const after = await clockOf(server.child)
    const loadMs = msSince(t1)
    loading = false
    await Promise.all(clients)
    return {
      paths: paths.length,
      meanBodyBytes: server.meanBodyBytes,
      rounds: measured,
      repeated: {
        app: medianRound('app'),
        bare: medianRound('bareFixed'),
        ratio: ratio('app', 'bareFixed'),
        expressFloor: medianRound('expressFloor'),
        expressFloorRatio: ratio('expressFloor', 'bareFixed'),
        unlogged: medianRound('appUnlogged'),
        unloggedRatio: ratio('appUnlogged', 'bareFixed'),
      },
      computed: {
        app: medianRound('uncached'),
        bare: medianRound('bareComputed'),
        ratio: ratio('uncached', 'bareComputed'),
        ofCeiling: ratio('uncached', 'bareFixed'),
      },
      worst: {
        maxCpuMs: worst.cpuMs,
        worstUrl: worst.url,
        maxAgainCpuMs: Math.max(...samples.map((s) => s.againCpuMs)),
        samples,
      },
      verify: {
        firstCpuMs,
        firstWallMs,
        busyAnswers,
        retryAfter,
        againCpuMs,
        healthDuringWalk: healthWalk,
      },
      healthUnderLoad: {
        ...percentiles(health),
        worstRequests: sent,
        busy,
        serverCoreShare: (after.cpuMs - before.cpuMs) / loadMs,
        loopP99Ms: after.loopP99Ms,
        loopMaxMs: after.loopMaxMs,
      },
    }
  } finally {
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    server.child.kill()
    await exited
  }
}
