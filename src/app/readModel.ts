import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityId } from '../domain/ids'
import type { Recorded } from '../domain/events'
import type { CanonPolicy } from '../domain/canonPolicy'
import { allSources } from '../domain/canonPolicy'
import { formatInUniverseTime } from '../domain/inUniverseTime'
import { tierOf } from '../domain/release'
import type { LedgerView } from '../../projections/ledgerView'
import { ledgerView } from '../../projections/ledgerView'
import { latest } from '../../projections/cut'
import { entityView } from '../../projections/entityView'
import { searchEntities as searchIn } from '../../projections/lookup'
import { timeline as timelineOf } from '../../projections/timeline'
import { releaseCatalog } from '../../projections/releaseCatalog'
import type { CatalogEntry } from '../../projections/releaseCatalog'
import type { AppError } from './errors'
import { releaseRef, renderValue } from './answers'
import type { AtCut } from './cutResolution'
import { admittedAt, answerAt, atCut, groupOf, resolveEntity } from './cutResolution'
import { diffIn } from './diffQuery'
import type { CutKeys } from './cutKeys'
import { cutKeysOf } from './cutKeys'
import { indexedEntityAsOf } from './indexedEntity'
import type { TemporalIndex } from '../../projections/temporalIndexTypes'
import { buildIndex, extendIndex } from '../../projections/temporalIndex'
import { ledgerViewAt } from '../../projections/temporalIndexView'
import { historyIn } from './historyQuery'
import { entityAnswerOf, entityRef, releaseRefs } from './renderEntity'
import type {
  DiffAnswer,
  DiffQuery,
  EntityAnswer,
  EntityQuery,
  HistoryAnswer,
  HistoryQuery,
  ReleaseAnswer,
  ReleasesAnswer,
  ReleasesQuery,
  SearchAnswer,
  SearchQuery,
  TimelineAnswer,
  TimelineQuery,
} from './queryTypes'

/**
 * Every query answered from one read of the ledger. Each answer is a fold of exactly what its
 * cut admits: the ledger axis first (position), then the release axis, then the canon policy.
 */
export interface LedgerReader {
  /** The last ledger position this reader holds (-1n when the ledger is empty). */
  readonly position: bigint
  readonly entityAsOf: (q: EntityQuery) => E.Either<AppError, EntityAnswer>
  readonly diff: (q: DiffQuery) => E.Either<AppError, DiffAnswer>
  readonly history: (q: HistoryQuery) => E.Either<AppError, HistoryAnswer>
  readonly timeline: (q: TimelineQuery) => E.Either<AppError, TimelineAnswer>
  readonly releases: (q: ReleasesQuery) => E.Either<AppError, ReleasesAnswer>
  readonly searchEntities: (q: SearchQuery) => E.Either<AppError, SearchAnswer>
}

/**
 * Where a reader's ledger views come from: folded from the recorded events (the temporal index
 * is then built on the first entity query, or handed on by the reader this one extends), or
 * read from a temporal index holding the ledger up to `position` (one restored from a
 * snapshot: no event is held, and a release's changes are parsed when first read).
 */
type Source =
  | {
      readonly _tag: 'Events'
      readonly recorded: ReadonlyArray<Recorded>
      readonly handedOn?: () => TemporalIndex
    }
  | { readonly _tag: 'Index'; readonly index: TemporalIndex; readonly position: bigint }

/** Each reader's source and index, for the reader that extends it. */
const sources = new WeakMap<
  LedgerReader,
  { readonly source: Source; readonly indexOf: () => TemporalIndex }
>()

/** How many past ledger positions keep their cut keys (queries "as the ledger stood"). */
const pastKeysKept = 8

const readerWith = (source: Source): LedgerReader => {
  const position =
    source._tag === 'Index'
      ? source.position
      : (source.recorded[source.recorded.length - 1]?.position ?? -1n)
  const foldView = (at?: bigint): LedgerView =>
    source._tag === 'Index'
      ? ledgerViewAt(source.index, at ?? position)
      : at === undefined
        ? ledgerView(source.recorded)
        : ledgerView(source.recorded, at)
  let latestView: LedgerView | undefined
  /** The latest view is kept: most queries read the ledger as it stands. */
  const viewAt = (at?: bigint): LedgerView => {
    if (at === undefined || at >= position) {
      latestView ??= foldView()
      return latestView
    }
    return foldView(at)
  }
  /**
   * The temporal index, built on the first query that can use it, then only extended: a
   * reader that extends this one advances the same index (it keeps answering as the ledger
   * stood at this reader's position, which every index query passes explicitly).
   */
  let index: TemporalIndex | undefined = source._tag === 'Index' ? source.index : undefined
  const indexOf = (): TemporalIndex => {
    if (index === undefined && source._tag === 'Events') {
      index = source.handedOn === undefined ? buildIndex(source.recorded) : source.handedOn()
      // Several readers may share one index: extend it with only what it has not seen, in bulk.
      extendIndex(index, source.recorded)
    }
    return index as TemporalIndex
  }
  let latestKeys: CutKeys | undefined
  const pastKeys = new Map<bigint, CutKeys>()
  const keysAt = (at?: bigint): CutKeys => {
    if (at === undefined || at >= position) {
      latestKeys ??= cutKeysOf(viewAt())
      return latestKeys
    }
    const kept = pastKeys.get(at)
    if (kept !== undefined) return kept
    const keys = cutKeysOf(viewAt(at))
    if (pastKeys.size >= pastKeysKept) pastKeys.delete(pastKeys.keys().next().value as bigint)
    pastKeys.set(at, keys)
    return keys
  }
  const reader: LedgerReader = {
    position,
    entityAsOf: (q) =>
      indexedEntityAsOf(indexOf(), keysAt(q.ledgerPosition), q) ??
      entityAsOfIn(viewAt(q.ledgerPosition), q),
    diff: (q) => diffIn(viewAt(q.ledgerPosition), q),
    history: (q) => historyIn(viewAt(q.ledgerPosition), q),
    timeline: (q) => timelineIn(viewAt(q.ledgerPosition), q),
    releases: (q) => releasesIn(viewAt(q.ledgerPosition), q),
    searchEntities: (q) => searchIn2(viewAt(q.ledgerPosition), q),
  }
  sources.set(reader, { source, indexOf })
  return reader
}

export const readerOf = (recorded: ReadonlyArray<Recorded>): LedgerReader =>
  readerWith({ _tag: 'Events', recorded })

/**
 * A reader over the ledger a temporal index holds (one restored from a snapshot): every view
 * is read from the index, so no event needs to be read or decoded to start answering.
 */
export const readerFromIndex = (index: TemporalIndex): LedgerReader =>
  readerWith({ _tag: 'Index', index, position: BigInt(index.position) })

/**
 * The reader with events recorded after it (in ledger order, positions after its own): the
 * new reader extends this one's temporal index incrementally instead of rebuilding it.
 */
export const extendReader = (
  reader: LedgerReader,
  fresh: ReadonlyArray<Recorded>,
): LedgerReader => {
  const later = fresh.filter((r) => r.position > reader.position)
  const last = later[later.length - 1]
  const kept = sources.get(reader)
  if (last === undefined || kept === undefined) return reader
  const { source, indexOf } = kept
  if (source._tag === 'Index') {
    extendIndex(source.index, later)
    return readerWith({ _tag: 'Index', index: source.index, position: last.position })
  }
  return readerWith({ _tag: 'Events', recorded: [...source.recorded, ...later], handedOn: indexOf })
}

/** The fold path: answers every entity query, the index path's reference. */
export const entityAsOfIn = (view: LedgerView, q: EntityQuery): E.Either<AppError, EntityAnswer> =>
  pipe(
    atCut(view, q.cut, q.policy),
    E.flatMap((at) =>
      pipe(
        resolveEntity(at, q.entity),
        E.flatMap(({ entity, matched }) => {
          const found = entityView(at.state, entity)
          return found === undefined
            ? E.left<AppError, EntityAnswer>({
                _tag: 'NotFound',
                what: `entity '${q.entity}'`,
                suggestions: [],
              })
            : E.right({
                at: answerAt(at),
                matched: { query: q.entity, text: matched.text, by: matched.by },
                ...entityAnswerOf(at.state, releaseRefs(at.admitted), found),
              })
        }),
      ),
    ),
  )

export const timelineIn = (
  view: LedgerView,
  q: TimelineQuery,
): E.Either<AppError, TimelineAnswer> =>
  pipe(
    atCut(view, q.cut, q.policy),
    E.flatMap((at) =>
      pipe(
        q.entity === undefined
          ? E.right<AppError, ReadonlySet<EntityId> | undefined>(undefined)
          : E.map((r: { readonly entity: EntityId }): ReadonlySet<EntityId> | undefined =>
              groupOf(at.state, r.entity),
            )(resolveEntity(at, q.entity)),
        E.map((only): TimelineAnswer => {
          const refs = releaseRefs(at.admitted)
          return {
            at: answerAt(at),
            entries: timelineOf(at.state)
              .filter((e) => only === undefined || only.has(e.subject))
              .map((e) => ({
                time: formatInUniverseTime(e.time),
                anchor: e.anchor,
                entity: entityRef(at.state, e.entity),
                predicate: e.predicate,
                claim: e.claim,
                value: renderValue(at.state, e.value),
                ...(e.validityNote === undefined ? {} : { validityNote: e.validityNote }),
                source: refs(e.source),
              })),
          }
        }),
      ),
    ),
  )

const releaseAnswer = (e: CatalogEntry): ReleaseAnswer => ({
  ...releaseRef(e.release),
  position: e.position.toString(),
  recordedAt: e.recordedAt,
  changes: e.changes,
  corrections: e.corrections,
  ...(e.release.regionalDates === undefined
    ? {}
    : {
        regionalDates: e.release.regionalDates.map((d) => ({ region: d.region, date: d.date })),
      }),
  ...(e.release.stardate === undefined
    ? {}
    : { stardate: formatInUniverseTime(e.release.stardate) }),
  ...(e.release.dateNote === undefined ? {} : { dateNote: e.release.dateNote }),
  ...(e.release.note === undefined ? {} : { note: e.release.note }),
})

export const releasesIn = (
  view: LedgerView,
  q: ReleasesQuery,
): E.Either<AppError, ReleasesAnswer> => {
  const cut = q.cut ?? latest
  const policy: CanonPolicy = q.policy ?? allSources
  return E.map((admitted: ReadonlyArray<(typeof view.releases)[number]>): ReleasesAnswer => {
    const catalog = releaseCatalog(
      admitted.filter((r) => policy.admits.has(tierOf(r.release.kind))),
    )
    return {
      cut,
      ledgerPosition: view.position.toString(),
      total: catalog.releases.length,
      byTier: catalog.byTier,
      series: catalog.series.map((s) => ({
        series: s.series,
        count: s.releases.length,
        releases: s.releases.map(releaseAnswer),
      })),
      releases: catalog.releases.map(releaseAnswer),
    }
  })(admittedAt(view, cut))
}

const rankNames = ['exact', 'prefix', 'contains', 'similar'] as const

const searchIn2 = (view: LedgerView, q: SearchQuery): E.Either<AppError, SearchAnswer> =>
  E.map((at: AtCut): SearchAnswer => ({
    at: answerAt(at),
    query: q.query,
    hits: searchIn(at.state, q.query, q.limit ?? 20).map((h) => {
      const e = at.state.entities.get(h.entity)
      return {
        id: h.entity,
        name: e?.name ?? '',
        aliases: e?.aliases ?? [],
        matched: h.matched.text,
        by: h.matched.by,
        rank: rankNames[h.rank],
      }
    }),
  }))(atCut(view, q.cut, q.policy))

export { searchIn2 as searchEntitiesIn }
