import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityId, ReleaseId } from '../domain/ids'
import type { Recorded } from '../domain/events'
import type { CanonPolicy } from '../domain/canonPolicy'
import { allSources, formatCanonPolicy } from '../domain/canonPolicy'
import { formatInUniverseTime } from '../domain/inUniverseTime'
import { tierOf } from '../domain/release'
import type { Value } from '../domain/value'
import type { LedgerView } from '../../projections/ledgerView'
import { ledgerView } from '../../projections/ledgerView'
import type { ReleaseCut } from '../../projections/cut'
import { asOfRelease, latest } from '../../projections/cut'
import type { CanonState } from '../../projections/canon'
import { canonicalEntity, entityView } from '../../projections/entityView'
import { searchEntities as searchIn } from '../../projections/lookup'
import { audit } from '../../projections/audit'
import type { FieldFix } from '../../projections/audit'
import { diff as diffOf } from '../../projections/diff'
import type { FactAt } from '../../projections/diff'
import { timeline as timelineOf } from '../../projections/timeline'
import { releaseCatalog } from '../../projections/releaseCatalog'
import type { CatalogEntry } from '../../projections/releaseCatalog'
import type { AppError } from './errors'
import { cutAnswer, releaseRef, renderValidity, renderValue } from './answers'
import type { AtCut } from './cutResolution'
import { admittedAt, atCut, resolveEntity } from './cutResolution'
import { entityAnswerOf, entityRef, releaseRefs } from './renderEntity'
import type {
  AuditEntryAnswer,
  CorrectionAnswer,
  DiffAnswer,
  DiffQuery,
  EntityAnswer,
  EntityQuery,
  FactAtAnswer,
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
 * Every query answered from one in-memory list of recorded events (one read of the store).
 * Each answer is a fold of exactly what its cut admits: the ledger axis first (position),
 * then the release axis, then the canon policy.
 */
export interface LedgerReader {
  /** The last ledger position this reader holds (-1n when the ledger is empty). */
  readonly position: bigint
  readonly recorded: ReadonlyArray<Recorded>
  readonly entityAsOf: (q: EntityQuery) => E.Either<AppError, EntityAnswer>
  readonly diff: (q: DiffQuery) => E.Either<AppError, DiffAnswer>
  readonly history: (q: HistoryQuery) => E.Either<AppError, HistoryAnswer>
  readonly timeline: (q: TimelineQuery) => E.Either<AppError, TimelineAnswer>
  readonly releases: (q: ReleasesQuery) => E.Either<AppError, ReleasesAnswer>
  readonly searchEntities: (q: SearchQuery) => E.Either<AppError, SearchAnswer>
}

const cutOfArg = (c: ReleaseCut | ReleaseId): ReleaseCut =>
  typeof c === 'string' ? asOfRelease(c) : c

export const readerOf = (recorded: ReadonlyArray<Recorded>): LedgerReader => {
  const last = recorded[recorded.length - 1]
  const position = last === undefined ? -1n : last.position
  let latestView: LedgerView | undefined
  /** The latest view is kept: most queries read the ledger as it stands. */
  const viewAt = (at?: bigint): LedgerView => {
    if (at === undefined || at >= position) {
      latestView ??= ledgerView(recorded)
      return latestView
    }
    return ledgerView(recorded, at)
  }
  return {
    position,
    recorded,
    entityAsOf: (q) => entityAsOfIn(viewAt(q.ledgerPosition), q),
    diff: (q) => diffIn(viewAt(q.ledgerPosition), q),
    history: (q) => historyIn(viewAt(q.ledgerPosition), q),
    timeline: (q) => timelineIn(viewAt(q.ledgerPosition), q),
    releases: (q) => releasesIn(viewAt(q.ledgerPosition), q),
    searchEntities: (q) => searchIn2(viewAt(q.ledgerPosition), q),
  }
}

const answerAt = (at: AtCut) => cutAnswer(at.cut, at.policy, at.view.position, at.state)

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

const groupOf = (state: CanonState, id: EntityId): ReadonlySet<EntityId> => {
  const root = canonicalEntity(state, id)
  return new Set([...state.entities.keys()].filter((e) => canonicalEntity(state, e) === root))
}

const factAtAnswer = (
  state: CanonState,
  refs: ReturnType<typeof releaseRefs>,
  fact: FactAt | undefined,
): FactAtAnswer | null =>
  fact === undefined
    ? null
    : {
        status: fact.status,
        values: fact.claims.map((c) => ({
          claim: c.id,
          value: renderValue(state, c.value),
          tier: c.tier,
          source: refs(
            [...c.provenance].reverse().find((s) => s.change !== 'Confirmed')?.release ??
              c.provenance[0]?.release ??
              ('' as ReleaseId),
          ),
        })),
      }

export const diffIn = (view: LedgerView, q: DiffQuery): E.Either<AppError, DiffAnswer> =>
  pipe(
    E.Do,
    E.bind('a', () => atCut(view, cutOfArg(q.from), q.policy)),
    E.bind('b', () => atCut(view, cutOfArg(q.to), q.policy)),
    E.flatMap(({ a, b }) => {
      const inB = new Set(b.admitted.map((r) => r.release.id))
      const outside = a.admitted.find((r) => !inB.has(r.release.id))
      if (outside !== undefined)
        return E.left<AppError, DiffAnswer>({
          _tag: 'InvalidInput',
          source: 'diff',
          problems: [
            `'from' must not reach past 'to': release '${outside.release.id}' is in 'from' but not in 'to' (give the earlier cut first)`,
          ],
        })
      const entity =
        q.entity === undefined
          ? E.right<AppError, EntityId | undefined>(undefined)
          : E.map((r: { readonly entity: EntityId }) => r.entity as EntityId | undefined)(
              resolveEntity(b, q.entity),
            )
      return E.map((id: EntityId | undefined): DiffAnswer => {
        const d = diffOf(view.releases, a.admitted, b.admitted, q.policy, id)
        const refs = releaseRefs(b.admitted)
        return {
          from: answerAt(a),
          to: answerAt(b),
          entity: id === undefined ? null : entityRef(b.state, canonicalEntity(b.state, id)),
          releases: d.releases.map((r) => releaseRef(r.release)),
          changes: d.changes.map((c) => ({
            release: releaseRef(c.release.release),
            change: c.class._tag === 'revised' ? `revised:${c.class.kind}` : c.class._tag,
            ...(c.class._tag === 'revised' ? { kind: c.class.kind } : {}),
            entity: entityRef(b.state, c.entity),
            ...(c.predicate === undefined ? {} : { predicate: c.predicate }),
            ...(c.claim === undefined ? {} : { claim: c.claim }),
            ...(c.before === undefined ? {} : { before: renderValue(b.state, c.before) }),
            ...(c.after === undefined ? {} : { after: renderValue(b.state, c.after) }),
            ...(c.other === undefined ? {} : { other: entityRef(b.state, c.other) }),
            ...(c.name === undefined ? {} : { name: c.name }),
            ...(c.settles === undefined ? {} : { settles: c.settles }),
          })),
          facts: d.facts.map((f) => ({
            entity: entityRef(b.state, f.entity),
            predicate: f.predicate,
            before: factAtAnswer(a.state, releaseRefs(a.admitted), f.before),
            after: factAtAnswer(b.state, refs, f.after),
          })),
        }
      })(entity)
    }),
  )

const renderField = (state: CanonState, fix: FieldFix) => {
  const render = (v: unknown): unknown =>
    v === undefined
      ? null
      : fix.field === 'value'
        ? renderValue(state, v as Value)
        : fix.field === 'valid'
          ? renderValidity(v as Parameters<typeof renderValidity>[0])
          : fix.field === 'stardate' && typeof v === 'object' && v !== null
            ? formatInUniverseTime(v as Parameters<typeof formatInUniverseTime>[0])
            : v
  return { field: fix.field, before: render(fix.before), after: render(fix.after) }
}

export const historyIn = (view: LedgerView, q: HistoryQuery): E.Either<AppError, HistoryAnswer> =>
  pipe(
    atCut(view, latest, q.policy),
    E.flatMap((at) =>
      pipe(
        resolveEntity(at, q.entity),
        E.flatMap(({ entity }) => {
          const root = canonicalEntity(at.state, entity)
          const subjects = groupOf(at.state, root)
          const whole = audit(view, q.policy, { subjects })
          const predicates = [
            ...new Set(
              whole.entries.flatMap((e) => (e.predicate === undefined ? [] : [e.predicate])),
            ),
          ].sort()
          if (q.predicate !== undefined && !predicates.some((p) => p === q.predicate))
            return E.left<AppError, HistoryAnswer>({
              _tag: 'NotFound',
              what: `fact '${q.predicate}' of entity '${q.entity}'`,
              suggestions: predicates,
            })
          const a =
            q.predicate === undefined
              ? whole
              : audit(view, q.policy, { subjects, predicate: q.predicate as never })
          const rootName = at.state.entities.get(root)
          const refs = releaseRefs([...view.releases, ...view.withdrawn])
          return E.right({
            ledgerPosition: view.position.toString(),
            policy: formatCanonPolicy(q.policy),
            entity: {
              ...entityRef(at.state, root),
              aliases: entityView(at.state, root)?.aliases ?? rootName?.aliases ?? [],
            },
            predicate: q.predicate ?? null,
            entries: a.entries.map((e): AuditEntryAnswer => ({
              release: refs(e.release.release.id),
              tier: e.tier,
              change: e.change,
              ...(e.kind === undefined ? {} : { kind: e.kind }),
              entity: entityRef(at.state, e.subject),
              ...(e.predicate === undefined ? {} : { predicate: e.predicate }),
              ...(e.claim === undefined ? {} : { claim: e.claim }),
              ...(e.oldValue === undefined ? {} : { oldValue: renderValue(at.state, e.oldValue) }),
              ...(e.newValue === undefined ? {} : { newValue: renderValue(at.state, e.newValue) }),
              ...(e.valid === undefined ? {} : { valid: renderValidity(e.valid) }),
              ...(e.name === undefined ? {} : { name: e.name }),
              ...(e.aliases === undefined ? {} : { aliases: e.aliases }),
              ...(e.other === undefined ? {} : { other: entityRef(at.state, e.other) }),
              ...(e.settles === undefined ? {} : { settles: e.settles }),
              ...(e.quote === undefined ? {} : { quote: e.quote }),
              ...(e.note === undefined ? {} : { note: e.note }),
              ...(e.exactReleaseUnknownWithin === undefined
                ? {}
                : { exactReleaseUnknownWithin: e.exactReleaseUnknownWithin }),
              position: e.release.position.toString(),
              recordedAt: e.release.recordedAt,
              withdrawn: e.withdrawn,
            })),
            corrections: a.corrections.map((c): CorrectionAnswer => ({
              id: c.id,
              release: c.release,
              ...(c.claim === undefined ? {} : { claim: c.claim }),
              what: c.what,
              position: c.position.toString(),
              recordedAt: c.recordedAt,
              reason: c.reason,
              fields: c.fields.map((f) => renderField(at.state, f)),
            })),
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
