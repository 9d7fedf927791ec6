import * as E from 'fp-ts/Either'
import type { Change } from '../src/domain/change'
import type { Correction } from '../src/domain/correction'
import type { Recorded } from '../src/domain/events'
import type { ClaimId, EntityId, ReleaseId } from '../src/domain/ids'
import type { Release } from '../src/domain/release'
import { releaseSortKey, tierOf } from '../src/domain/release'
import { allSources, onScreenOnly } from '../src/domain/canonPolicy'
import type { ReleaseView } from './ledgerView'
import type {
  ClaimRecord,
  EntityRecord,
  ReleaseRecord,
  SettleStep,
  Step,
  TemporalIndex,
} from './temporalIndexTypes'
import { allOnScreen, claimVersions, entityVersions } from './temporalIndexFold'
import { buildIndex } from './temporalIndex'

/**
 * A snapshot of the temporal index with the ledger position it reflects: plain JSON (positions
 * as decimal strings on the release views, numbers in generation bounds). It keeps the
 * records, their generations and their steps as references into the releases' generations;
 * the release-axis versions are a pure function of the steps and are recomputed on restore,
 * which keeps the snapshot about the size of the log and the restore free of sorting.
 */
export const snapshotFormat = 'canon-ledger/temporal-index@1'

type StepRef = readonly [ReleaseId, number, number]
type SettleRef = readonly [ReleaseId, number, number, ClaimId]

interface ReleaseGenJson {
  readonly from: number
  readonly withdrawn: boolean
  readonly release: Release | null
  readonly changes: ReadonlyArray<Change> | null
  readonly position: string
  readonly recordedAt: string
  readonly recorded: { readonly release: Release; readonly changes: ReadonlyArray<Change> }
  readonly corrections: ReadonlyArray<number>
}

export interface IndexSnapshot {
  readonly format: typeof snapshotFormat
  readonly position: string
  readonly corrections: ReadonlyArray<{
    readonly correction: Correction
    readonly position: number
    readonly recordedAt: string
  }>
  readonly releases: ReadonlyArray<{
    readonly id: ReleaseId
    readonly gens: ReadonlyArray<ReleaseGenJson>
  }>
  readonly claims: ReadonlyArray<{
    readonly id: ClaimId
    readonly refs: ReadonlyArray<readonly [ReleaseId, number]>
    readonly settleRefs: ReadonlyArray<readonly [ReleaseId, number, ClaimId]>
    readonly gens: ReadonlyArray<{
      readonly from: number
      readonly steps: ReadonlyArray<StepRef>
      readonly settles: ReadonlyArray<SettleRef>
    }>
  }>
  readonly entities: ReadonlyArray<{
    readonly id: EntityId
    readonly refs: ReadonlyArray<readonly [ReleaseId, number]>
    readonly claims: ReadonlyArray<ClaimId>
    readonly gens: ReadonlyArray<{
      readonly from: number
      readonly steps: ReadonlyArray<StepRef>
      readonly edges: ReadonlyArray<StepRef>
    }>
  }>
}

/** Where a step's release view sits: its release and the index of that generation. */
const locate = (ix: TemporalIndex) => {
  const where = new Map<ReleaseView, number>()
  for (const r of ix.releases.values()) r.gens.forEach((g, i) => where.set(g.view, i))
  return (s: Step): StepRef => [
    s.view.release.id,
    where.get(s.view) ?? -1,
    Number(s.ord.slice(s.ord.lastIndexOf('\u0000') + 1)),
  ]
}

export const toSnapshot = (ix: TemporalIndex): IndexSnapshot => {
  const stepRef = locate(ix)
  const correctionIndex = new Map(ix.corrections.map((c, i) => [c.correction, i]))
  return {
    format: snapshotFormat,
    position: String(ix.position),
    corrections: ix.corrections,
    releases: [...ix.releases.values()].map((r) => ({
      id: r.id,
      gens: r.gens.map((g) => ({
        from: g.from,
        withdrawn: g.withdrawn,
        // An uncorrected entry reads as recorded: kept once (null here) to halve the snapshot.
        release: g.view.release === g.view.recorded.release ? null : g.view.release,
        changes: g.view.changes === g.view.recorded.changes ? null : g.view.changes,
        position: String(g.view.position),
        recordedAt: g.view.recordedAt,
        recorded: g.view.recorded,
        corrections: g.view.corrections.map((c) => correctionIndex.get(c.correction) ?? -1),
      })),
    })),
    claims: [...ix.claims.values()].map((c) => ({
      id: c.id,
      refs: c.refs.map((x) => [x.release.id, x.index] as const),
      settleRefs: c.settleRefs.map((x) => [x.release.id, x.index, x.settler.id] as const),
      gens: c.gens.map((g) => ({
        from: g.from,
        steps: g.steps.map(stepRef),
        settles: g.settles.map((s): SettleRef => [...stepRef(s), s.settler.id]),
      })),
    })),
    entities: [...ix.entities.values()].map((e) => ({
      id: e.id,
      refs: e.refs.map((x) => [x.release.id, x.index] as const),
      claims: e.claims.map((c) => c.id),
      gens: e.gens.map((g) => ({
        from: g.from,
        steps: g.steps.map(stepRef),
        edges: g.edges.map(stepRef),
      })),
    })),
  }
}

export type SnapshotError = { readonly _tag: 'BadSnapshot'; readonly reason: string }

class Broken extends Error {}

const isSnapshot = (json: unknown): json is IndexSnapshot => {
  if (typeof json !== 'object' || json === null) return false
  const s = json as Partial<Record<keyof IndexSnapshot, unknown>>
  return (
    s.format === snapshotFormat &&
    typeof s.position === 'string' &&
    /^-?\d+$/.test(s.position) &&
    [s.corrections, s.releases, s.claims, s.entities].every(Array.isArray)
  )
}

/** Restores an index from its snapshot; a snapshot that is not one is refused with the reason. */
export const fromSnapshot = (json: unknown): E.Either<SnapshotError, TemporalIndex> => {
  if (!isSnapshot(json))
    return E.left({
      _tag: 'BadSnapshot',
      reason: `expected a ${snapshotFormat} document with position, corrections, releases, claims and entities`,
    })
  try {
    return E.right(restore(json))
  } catch (e) {
    if (e instanceof Broken) return E.left({ _tag: 'BadSnapshot', reason: e.message })
    throw e
  }
}

const restore = (s: IndexSnapshot): TemporalIndex => {
  const corrections = s.corrections.map((c) => ({ ...c }))
  const releases = new Map<ReleaseId, ReleaseRecord>()
  for (const r of s.releases)
    releases.set(r.id, {
      id: r.id,
      gens: r.gens.map((g) => ({
        from: g.from,
        withdrawn: g.withdrawn,
        view: {
          release: g.release ?? g.recorded.release,
          changes: g.changes ?? g.recorded.changes,
          position: BigInt(g.position),
          recordedAt: g.recordedAt,
          key: releaseSortKey(g.release ?? g.recorded.release),
          recorded: g.recorded,
          corrections: g.corrections.map((i) => {
            const c = corrections[i]
            if (c === undefined)
              throw new Broken(
                `release '${r.id}' names correction #${i}, which is not in the snapshot`,
              )
            return { ...c, position: BigInt(c.position) }
          }),
        },
      })),
    })
  const releaseOf = (id: ReleaseId): ReleaseRecord => {
    const r = releases.get(id)
    if (r === undefined)
      throw new Broken(`a record refers to release '${id}', which is not in the snapshot`)
    return r
  }
  const stepOf = ([id, gen, index]: StepRef): Step => {
    const view = releaseOf(id).gens[gen]?.view
    const change = view?.changes[index]
    if (view === undefined || change === undefined)
      throw new Broken(
        `a step refers to change ${index} of release '${id}' generation ${gen}, which is not there`,
      )
    return {
      ord: `${view.key}\u0000${String(index).padStart(6, '0')}`,
      key: view.key,
      tier: tierOf(view.release.kind),
      series: view.release.series,
      view,
      change,
    }
  }
  const claims = new Map<ClaimId, ClaimRecord>()
  for (const c of s.claims) claims.set(c.id, { id: c.id, refs: [], settleRefs: [], gens: [] })
  const claimOf = (id: ClaimId): ClaimRecord => {
    const c = claims.get(id)
    if (c === undefined)
      throw new Broken(`a record refers to claim '${id}', which is not in the snapshot`)
    return c
  }
  for (const c of s.claims) {
    const record = claimOf(c.id)
    for (const [id, index] of c.refs) record.refs.push({ release: releaseOf(id), index })
    for (const [id, index, settler] of c.settleRefs)
      record.settleRefs.push({ release: releaseOf(id), index, settler: claimOf(settler) })
    for (const g of c.gens) {
      const steps = g.steps.map(stepOf)
      const settles = g.settles.map(([id, gen, index, settler]): SettleStep => ({
        ...stepOf([id, gen, index]),
        settler: claimOf(settler),
      }))
      record.gens.push({
        from: g.from,
        steps,
        settles,
        onScreen: [],
        all: [],
      })
    }
  }
  for (const record of claims.values())
    record.gens.forEach((g, i) => {
      const all = claimVersions(record.id, g, allSources)
      const onScreen =
        allOnScreen(g.steps) && allOnScreen(g.settles)
          ? all
          : claimVersions(record.id, g, onScreenOnly)
      record.gens[i] = { ...g, all, onScreen }
    })
  const entities = new Map<EntityId, EntityRecord>()
  for (const e of s.entities) {
    const list = e.claims.map(claimOf)
    entities.set(e.id, {
      id: e.id,
      refs: e.refs.map(([id, index]) => ({ release: releaseOf(id), index })),
      claims: list,
      claimSet: new Set(list),
      gens: e.gens.map((g) => {
        const steps = g.steps.map(stepOf)
        const all = entityVersions(steps, allSources)
        return {
          from: g.from,
          steps,
          edges: g.edges.map(stepOf),
          all,
          onScreen: allOnScreen(steps) ? all : entityVersions(steps, onScreenOnly),
        }
      }),
    })
  }
  return { releases, claims, entities, corrections, position: Number(s.position) }
}

/** The check that a snapshot is what a full replay of the ledger would build. */
export const snapshotMatchesRebuild = (
  snapshot: IndexSnapshot,
  events: Iterable<Recorded>,
): boolean => JSON.stringify(toSnapshot(buildIndex(events))) === JSON.stringify(snapshot)
