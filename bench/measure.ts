/** Timing helpers of the benchmark (wall clock per call, CPU per call where a bound is CPU). */
export const now = (): bigint => process.hrtime.bigint()
export const msSince = (t0: bigint): number => Number(now() - t0) / 1e6

export interface Percentiles {
  readonly n: number
  readonly p50: number
  readonly p99: number
  readonly max: number
}

export const percentiles = (samples: ReadonlyArray<number>): Percentiles => {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN
  return { n: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN }
}

/** Microseconds of wall clock per call of `run`, one sample per item. */
export const timeEach = <T>(items: ReadonlyArray<T>, run: (item: T) => unknown): number[] => {
  const samples: number[] = []
  for (const item of items) {
    const t0 = now()
    run(item)
    samples.push(Number(now() - t0) / 1e3)
  }
  return samples
}

/** Milliseconds of CPU (user + system) per call of `run`: what a request costs the process. */
export const cpuEach = <T>(items: ReadonlyArray<T>, run: (item: T) => unknown): number[] => {
  const samples: number[] = []
  for (const item of items) {
    const c0 = process.cpuUsage()
    run(item)
    const c = process.cpuUsage(c0)
    samples.push((c.user + c.system) / 1e3)
  }
  return samples
}

export const log = (s: string): void => {
  process.stderr.write(`${s}\n`)
}
