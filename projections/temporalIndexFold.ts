import type { ClaimId, EntityId, Predicate } from '../src/domain/ids'
import type { SourceTier } from '../src/domain/release'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import type { ClaimState, EntityState } from './canon'
import { applyChange, assertUnseen, emptyBuilder } from './canon'
import type {
  ClaimSteps,
  ClaimVersion,
  EntityVersion,
  SettleStep,
  Step,
} from './temporalIndexTypes'

/**
 * The canon fold restricted to ONE claim (or one entity): the same `applyChange` as
 * `foldCanon`, applied to the few steps that can touch it. Its only other input is the
 * claim's origin (any Asserted step of the ledger view), used as `applyRelease` uses it to
 * replay a revision of a claim this viewer has not seen as its assertion. A settlement holds
 * whenever the settling revision is admitted, as in `applyRelease`.
 */
export type Admits = (step: Step) => boolean

interface Origin {
  readonly subject: EntityId
  readonly predicate: Predicate
}

const originOf = (steps: ReadonlyArray<Step>): Origin | undefined => {
  let origin: Origin | undefined
  for (const s of steps)
    if (s.change._tag === 'Asserted')
      origin = { subject: s.change.subject, predicate: s.change.predicate }
  return origin
}

const noEntities = new Map<EntityId, EntityState>()
const noLinks = new Map<EntityId, EntityId>()

/**
 * The claims "map" of a one-claim fold: `applyChange` reads and writes claims through `get`,
 * `has` and `set` only, and in this fold only the one claim can be present (a revision settling
 * another claim finds it absent, as the other claim's own fold handles its settlement). A real
 * Map per fold was most of the index's build time.
 */
class OneClaim {
  private state: ClaimState | undefined
  constructor(private readonly id: ClaimId) {}
  get(claim: ClaimId): ClaimState | undefined {
    return claim === this.id ? this.state : undefined
  }
  has(claim: ClaimId): boolean {
    return claim === this.id && this.state !== undefined
  }
  set(claim: ClaimId, state: ClaimState): this {
    if (claim === this.id) this.state = state
    return this
  }
}

export interface ClaimFold {
  readonly state: ClaimState | undefined
  readonly first: string
}

/**
 * Folds one claim's admitted steps in canon order. `onRelease` sees the state after each
 * release's last step, which is how the release-axis versions are built.
 */
export const foldClaim = (
  id: ClaimId,
  gen: ClaimSteps,
  admits: Admits,
  onRelease?: (key: string, fold: ClaimFold) => void,
): ClaimFold => {
  // One claim's fold needs only the claims map; the origin lookup answers for this claim alone.
  const b = {
    claims: new OneClaim(id) as unknown as Map<ClaimId, ClaimState>,
    entities: noEntities,
    identifiedWith: noLinks,
  }
  const origin = originOf(gen.steps)
  const origins = { get: (claim: ClaimId) => (claim === id ? origin : undefined) } as ReadonlyMap<
    ClaimId,
    Origin
  >
  let first = ''
  let i = 0
  let j = 0
  const { steps, settles } = gen
  while (i < steps.length || j < settles.length) {
    const own = steps[i]
    const settle = settles[j]
    const takeOwn = own !== undefined && (settle === undefined || own.ord < settle.ord)
    const step: Step = takeOwn ? own : (settle as SettleStep)
    if (takeOwn) i++
    else j++
    if (admits(step)) {
      if (takeOwn) {
        const had = b.claims.has(id)
        const change =
          step.change._tag === 'Revised' && !had ? assertUnseen(step.change, origins) : step.change
        applyChange(b, step.view, change)
        if (!had && b.claims.has(id)) first = step.ord
      } else {
        const s = step as SettleStep
        const current = b.claims.get(id)
        if (current !== undefined && current.status === 'live')
          b.claims.set(id, { ...current, status: 'settled', settledBy: s.settler.id })
      }
    }
    const next = i < steps.length || j < settles.length ? nextKey(steps[i], settles[j]) : undefined
    if (onRelease !== undefined && next !== step.key)
      onRelease(step.key, { state: b.claims.get(id), first })
  }
  return { state: b.claims.get(id), first }
}

const nextKey = (a: Step | undefined, b: Step | undefined): string | undefined =>
  a === undefined ? b?.key : b === undefined ? a.key : a.ord < b.ord ? a.key : b.key

const tierAdmits =
  (policy: CanonPolicy): Admits =>
  (s) =>
    policy.admits.has(s.tier)

/** Release-axis versions of a claim under a policy: one per release that touched it. */
export const claimVersions = (
  id: ClaimId,
  gen: ClaimSteps,
  policy: CanonPolicy,
): ReadonlyArray<ClaimVersion> => {
  const versions: ClaimVersion[] = []
  let last: ClaimState | undefined
  foldClaim(id, gen, tierAdmits(policy), (key, fold) => {
    if (fold.state === last) return
    last = fold.state
    versions.push({ key, state: fold.state, first: fold.first })
  })
  return versions.slice() // exact capacity: the index keeps it
}

export interface EntityFold {
  readonly state: EntityState | undefined
  /** Where the fold introduced the entity (its place in the fold's entity map). */
  readonly introduced: string
}

export const foldEntity = (
  steps: ReadonlyArray<Step>,
  admits: Admits,
  onRelease?: (key: string, fold: EntityFold) => void,
): EntityFold => {
  const b = emptyBuilder()
  let introduced = ''
  let state: EntityState | undefined
  steps.forEach((step, i) => {
    if (admits(step)) {
      applyChange(b, step.view, step.change)
      const next = b.entities.values().next()
      if (state === undefined && !next.done) introduced = step.ord
      state = next.done === true ? undefined : next.value
    }
    if (onRelease !== undefined && steps[i + 1]?.key !== step.key)
      onRelease(step.key, { state, introduced })
  })
  return { state, introduced }
}

export const entityVersions = (
  steps: ReadonlyArray<Step>,
  policy: CanonPolicy,
): ReadonlyArray<EntityVersion> => {
  const versions: EntityVersion[] = []
  let last: EntityState | undefined
  foldEntity(steps, tierAdmits(policy), (key, fold) => {
    if (fold.state === last) return
    last = fold.state
    versions.push({ key, state: fold.state })
  })
  return versions.slice() // exact capacity: the index keeps it
}

/** Whether every step of a list is of one tier set: then both policies' versions coincide. */
export const allOnScreen = (steps: ReadonlyArray<Step>): boolean =>
  steps.every((s) => s.tier === ('on-screen' satisfies SourceTier))
