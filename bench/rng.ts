/**
 * A small seeded PRNG (mulberry32): the same seed gives the same universe. Shared by the
 * benchmark's generator and the random-ledger generators of the tests.
 */
export const rng = (seed: number) => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number): number => Math.floor(next() * n)
  const pick = <T>(xs: ReadonlyArray<T>): T => xs[int(xs.length)] as T
  return { next, int, pick, chance: (p: number) => next() < p }
}
export type Rng = ReturnType<typeof rng>
