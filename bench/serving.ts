import * as E from 'fp-ts/Either'
import { allSources, onScreenOnly } from '../src/domain/canonPolicy'
import { isoDate } from '../src/domain/calendarDate'
import { releaseId } from '../src/domain/ids'
import type { IndexedReader } from '../projections/indexed/reader'
import type { CanonReader } from '../projections/port/reader'
import type { Pair, PairKind } from './pairs'
import type { Percentiles } from './measure'
import { cpuEach, msSince, now, percentiles, timeEach } from './measure'

/**
 * What a serving process is asked in the bench, and how fast it answers: entity as of every kind
 * of cut (first touch, then warm), paged reads, and the costliest requests anyone may send.
 * Run in a child process holding only the restored reader, as a server does.
 */
export interface Questions {
  readonly pairs: Record<PairKind, ReadonlyArray<Pair>>
  /** Asked first, so the code is compiled before anything is timed. */
  readonly warmUp: ReadonlyArray<Pair>
  /** Pairs of adjacent releases (ids). */
  readonly adjacent: ReadonlyArray<readonly [string, string]>
  readonly entities: ReadonlyArray<string>
}

export interface Served {
  /**
   * Per kind of cut: the served reader (the composition root's: the indexed reader behind the
   * answer cache) meeting each entity first, then asked again (answers kept); and the indexed
   * reader alone asked the same, its entities' blocks built (no answer kept).
   */
  readonly entityAsOf: Record<
    string,
    {
      readonly firstTouch: Percentiles
      readonly warm: Percentiles
      readonly uncached: Percentiles
    }
  >
  readonly pages: Record<string, Percentiles>
  readonly bounded: { readonly maxCpuMs: number; readonly samplesMs: ReadonlyArray<number> }
}

/** Questions as JSON: ledger positions as decimal strings, policies by name. */
export const questionsText = (q: Questions): string =>
  JSON.stringify(q, (k, v: unknown) =>
    typeof v === 'bigint'
      ? v.toString()
      : k === 'policy'
        ? (v as typeof allSources).admits.size > 1
          ? 'all'
          : 'on-screen'
        : v,
  )

export const questionsOf = (text: string): Questions =>
  JSON.parse(text, (k, v: unknown) =>
    k === 'ledgerPosition' && typeof v === 'string'
      ? BigInt(v)
      : k === 'policy' && typeof v === 'string'
        ? v === 'all'
          ? allSources
          : onScreenOnly
        : v,
  ) as Questions

export const serve = (served: CanonReader, reader: IndexedReader, q: Questions): Served => {
  for (const p of q.warmUp) {
    served.entity({ entity: p.entity, at: p.at })
    reader.entity({ entity: p.entity, at: p.at })
  }
  globalThis.gc?.()
  const entityAsOf: Served['entityAsOf'] = {}
  for (const [kind, ps] of Object.entries(q.pairs)) {
    const firstTouch = percentiles(
      timeEach(ps, (p) => served.entity({ entity: p.entity, at: p.at })),
    )
    const warm = percentiles(timeEach(ps, (p) => served.entity({ entity: p.entity, at: p.at })))
    const uncached = percentiles(timeEach(ps, (p) => reader.entity({ entity: p.entity, at: p.at })))
    entityAsOf[kind] = { firstTouch, warm, uncached }
  }
  const page = { limit: 100 }
  const latestAll = { release: { _tag: 'Latest' as const }, policy: allSources }
  const after = (cursor: string | undefined) => ({
    ...page,
    ...(cursor === undefined ? {} : { cursor }),
  })
  const walk = <A extends { readonly page: { readonly next: string | null } }>(
    read: (cursor: string | undefined) => E.Either<unknown, A>,
    pages: number,
  ): number[] => {
    read(undefined) // its code compiled before it is timed
    const samples: number[] = []
    let cursor: string | undefined
    for (let i = 0; i < pages; i++) {
      const t = now()
      const a = read(cursor)
      samples.push(msSince(t))
      if (E.isLeft(a) || a.right.page.next === null) break
      cursor = a.right.page.next
    }
    return samples
  }
  // Each paged read is asked a few times before it is timed (its code compiled).
  const warmed = <T>(items: ReadonlyArray<T>, run: (item: T) => unknown): number[] => {
    items.slice(0, 5).forEach(run)
    return timeEach(items, run).map((us) => us / 1000)
  }
  const diffOf = ([a, b]: readonly [string, string], entity?: string) =>
    reader.diff({
      from: { _tag: 'AsOfRelease', release: releaseId(a) },
      to: { _tag: 'AsOfRelease', release: releaseId(b) },
      policy: onScreenOnly,
      ...(entity === undefined ? {} : { entity }),
      page,
    })
  const entityOf = (i: number) => q.entities[i % q.entities.length] ?? ''
  const pages: Record<string, number[]> = {
    diffAdjacent: warmed(q.adjacent, (x) => diffOf(x)),
    'diff, first to last release': walk(
      (cursor) =>
        reader.diff({
          from: { _tag: 'AsOfDate', date: isoDate('0000-01-01') },
          to: { _tag: 'Latest' },
          policy: allSources,
          page: after(cursor),
        }),
      20,
    ),
    'diff of one entity, adjacent releases': warmed(
      q.adjacent.slice(0, 100).map((x, i) => [x, entityOf(i)] as const),
      ([x, e]) => diffOf(x, e),
    ),
    'history of an entity': warmed(q.pairs.release.slice(0, 200), (p) =>
      reader.history({ at: p.at, entity: p.entity, page }),
    ),
    'history of the universe (pages)': walk(
      (cursor) => reader.history({ at: latestAll, page: after(cursor) }),
      30,
    ),
    'revisions of the universe (pages)': walk(
      (cursor) => reader.history({ at: latestAll, changes: ['revised'], page: after(cursor) }),
      10,
    ),
    'history of one fact of the universe': warmed(['p0', 'p7', 'p19'], (p) =>
      reader.history({ at: latestAll, predicate: p, page }),
    ),
    'timeline (pages)': walk(
      (cursor) => reader.timeline({ at: latestAll, page: after(cursor) }),
      10,
    ),
    'releases (pages)': walk(
      (cursor) => reader.releases({ at: latestAll, page: after(cursor) }),
      20,
    ),
  }
  const worst = [
    ...['e', '1', 'entity', 'entity 1', 'x'.repeat(100), 'thing/', 'alias', 'zq'].map(
      (text) => () => reader.search({ text, at: latestAll, limit: 50 }),
    ),
    ...['Entty 1234', 'thing/e123456789', 'Alias 99x', 'x'.repeat(120)].map(
      (entity) => () => reader.entity({ entity, at: latestAll }),
    ),
    () => reader.history({ at: latestAll, claim: 'c123456x', page }),
    () => reader.history({ at: latestAll, predicate: 'p999', page }),
    () =>
      reader.entity({
        entity: 'thing/e1',
        at: {
          release: { _tag: 'AsOfRelease', release: releaseId('rel-99999x') },
          policy: onScreenOnly,
        },
      }),
    () => reader.releases({ at: latestAll, series: 'Seres 1', page }),
  ]
  const cpu = cpuEach(worst, (f) => f())
  return {
    entityAsOf,
    pages: Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, percentiles(v)])),
    bounded: { maxCpuMs: Math.max(...cpu), samplesMs: cpu },
  }
}
