import { tierOf } from '../src/domain/release'
import { allSources, onScreenOnly } from '../src/domain/canonPolicy'
import type {
  ChangeRef,
  ClaimHead,
  ClaimRecord,
  ClaimSteps,
  ClaimVersion,
  EntityHead,
  EntityRecord,
  FactTable,
  SettleStep,
  Step,
  TemporalIndex,
} from './temporalIndexTypes'
import { genAt, keyMajor, refStride } from './temporalIndexTypes'
import { allOnScreen, claimVersions, entityVersions } from './temporalIndexFold'

/**
 * Reading a record's steps as the ledger stood at a position, and its head versions (the
 * steps at the head, folded once and kept until an event touches the record again).
 */

/** Any position at or after the last event: the head of every release. */
export const HEAD = Number.MAX_SAFE_INTEGER

export const packRef = (releaseNo: number, index: number): ChangeRef =>
  releaseNo * refStride + index

export const ordOf = (key: string, index: number): string =>
  `${key}\u0000${String(index).padStart(7, '0')}`

/** The step a reference names, as its release reads at `at` (none if withdrawn or not yet there). */
export const stepAt = (ix: TemporalIndex, ref: ChangeRef, at: number): Step | undefined => {
  const record = ix.releaseList[Math.floor(ref / refStride)]
  const gen = record === undefined ? undefined : genAt(record.gens, at)
  if (gen === undefined || gen.withdrawn) return undefined
  const index = ref % refStride
  const change = gen.view.changes[index]
  if (change === undefined) return undefined
  return {
    ord: ordOf(gen.view.key, index),
    key: gen.view.key,
    tier: tierOf(gen.view.release.kind),
    series: gen.view.release.series,
    view: gen.view,
    change,
  }
}

const byOrd = (a: Step, b: Step): number => (a.ord < b.ord ? -1 : a.ord > b.ord ? 1 : 0)

export const stepsAt = (ix: TemporalIndex, refs: ReadonlyArray<ChangeRef>, at: number): Step[] => {
  const steps: Step[] = []
  for (const ref of refs) {
    const s = stepAt(ix, ref, at)
    if (s !== undefined) steps.push(s)
  }
  return steps.length > 1 ? steps.sort(byOrd) : steps
}

const noSettles: ReadonlyArray<SettleStep> = []

export const claimStepsAt = (ix: TemporalIndex, c: ClaimRecord, at: number): ClaimSteps => {
  const steps = stepsAt(ix, c.refs, at)
  if (c.settleRefs.length === 0) return { steps, settles: noSettles }
  const settles: SettleStep[] = []
  for (const { ref, settler } of c.settleRefs) {
    const s = stepAt(ix, ref, at)
    if (s !== undefined) settles.push({ ...s, settler })
  }
  return { steps, settles: settles.sort(byOrd) }
}

export const entityStepsAt = (
  ix: TemporalIndex,
  e: EntityRecord,
  at: number,
): Pick<EntityHead, 'steps' | 'edges'> => {
  const steps: Step[] = []
  const edges: Step[] = []
  for (const s of stepsAt(ix, e.refs, at)) (s.change._tag === 'Identified' ? edges : steps).push(s)
  return { steps, edges }
}

/** The claim's versions at the head, folding its steps if an event touched it since. */
export const claimHead = (ix: TemporalIndex, c: ClaimRecord): ClaimHead => {
  if (c.head !== undefined) return c.head
  const gen = claimStepsAt(ix, c, HEAD)
  const all = claimVersions(c.id, gen, allSources)
  const onScreen =
    allOnScreen(gen.steps) && allOnScreen(gen.settles)
      ? all
      : claimVersions(c.id, gen, onScreenOnly)
  c.head = { onScreen, all }
  return c.head
}

export const entityHead = (ix: TemporalIndex, e: EntityRecord): EntityHead => {
  if (e.head !== undefined) return e.head
  const { steps, edges } = entityStepsAt(ix, e, HEAD)
  const all = entityVersions(steps, allSources)
  const onScreen = allOnScreen(steps) ? all : entityVersions(steps, onScreenOnly)
  e.head = { steps: steps.slice(), edges: edges.slice(), onScreen, all }
  return e.head
}

const buildTable = (ix: TemporalIndex, e: EntityRecord, policy: 'onScreen' | 'all'): FactTable => {
  let last = e.last
  let size = 0
  for (const c of e.claims) {
    if (c.last > last) last = c.last
    size += claimHead(ix, c)[policy].length
  }
  // Plain arrays at exact size, not typed arrays: a typed array per entity is an ArrayBuffer
  // per entity, whose allocation and external-memory accounting cost more than the table.
  const keys = new Array<string>(size)
  const versions = new Array<ClaimVersion>(size)
  const majors = new Array<number>(size)
  const live = new Array<number>(size)
  const ends = new Array<number>(e.claims.length)
  let i = 0
  e.claims.forEach((c, j) => {
    for (const v of claimHead(ix, c)[policy]) {
      keys[i] = v.key
      versions[i] = v
      majors[i] = keyMajor(v.key)
      live[i] =
        v.state !== undefined && v.state.status === 'live' && v.state.subject === e.id ? 1 : 0
      i++
    }
    ends[j] = i
  })
  return { last, majors, keys, ends, versions, live }
}

/** The entity's fact table under a standard policy, built once per change of what it reads. */
export const factTable = (
  ix: TemporalIndex,
  e: EntityRecord,
  policy: 'onScreen' | 'all',
): FactTable => {
  const tables = e.tables ?? (e.tables = {})
  return tables[policy] ?? (tables[policy] = buildTable(ix, e, policy))
}
