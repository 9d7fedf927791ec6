import type { ClaimId, EntityId, Predicate } from '../src/domain/ids'
import type { Change, RevisionKind } from '../src/domain/change'
import type { Value } from '../src/domain/value'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import { tierOf } from '../src/domain/release'
import type { ReleaseView } from './ledgerView'
import type { CanonState, ClaimState } from './canon'
import { applyRelease, claimOrigins, emptyBuilder } from './canon'
import type { FactView } from './entityView'
import { canonicalEntity } from './entityView'
import { factsOf, groupAt, rootsOf } from './diffFacts'

/** A change's class in a diff. Revisions carry their stated kind. */
export type DiffClass =
  | { readonly _tag: 'asserted' }
  | { readonly _tag: 'confirmed' }
  | { readonly _tag: 'revised'; readonly kind: RevisionKind }
  | { readonly _tag: 'retracted' }
  | { readonly _tag: 'identified' }
  | { readonly _tag: 'introduced' }
  | { readonly _tag: 'aliased' }

export interface DiffChange {
  readonly release: ReleaseView
  readonly class: DiffClass
  /** The entity changed (for identifications, the one that keeps its id). */
  readonly entity: EntityId
  readonly predicate?: Predicate
  readonly claim?: ClaimId
  readonly before?: Value
  readonly after?: Value
  readonly other?: EntityId
  readonly name?: string
  readonly settles?: ReadonlyArray<ClaimId>
}

/** One fact touched between the cuts: its live claims at A and at B. */
export interface FactDiff {
  readonly entity: EntityId
  readonly predicate: Predicate
  readonly before: FactAt | undefined
  readonly after: FactAt | undefined
}

export interface FactAt {
  readonly status: FactView['status']
  readonly claims: ReadonlyArray<ClaimState>
}

export interface Diff {
  /** The releases in (A, B] under the policy, in release order. */
  readonly releases: ReadonlyArray<ReleaseView>
  readonly changes: ReadonlyArray<DiffChange>
  readonly facts: ReadonlyArray<FactDiff>
  readonly to: CanonState
}

const classOf = (change: Change): DiffClass => {
  switch (change._tag) {
    case 'Revised':
      return { _tag: 'revised', kind: change.kind }
    case 'Asserted':
      return { _tag: 'asserted' }
    case 'Confirmed':
      return { _tag: 'confirmed' }
    case 'Retracted':
      return { _tag: 'retracted' }
    case 'Identified':
      return { _tag: 'identified' }
    case 'Introduced':
      return { _tag: 'introduced' }
    case 'Aliased':
      return { _tag: 'aliased' }
    default: {
      const never: never = change
      return never
    }
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * One change as the diff reports it. Fields are set in a fixed order (release, class, predicate,
 * claim, before, after, other, name, settles, entity), absent ones left out, so the objects
 * serialize the same whatever path built them.
 */
const changeOf = (
  release: ReleaseView,
  change: Change,
  claim: ClaimId | undefined,
  before: ClaimState | undefined,
  after: ClaimState | undefined,
  subject: EntityId,
): DiffChange => {
  const c: Omit<Mutable<DiffChange>, 'entity'> & { entity?: EntityId } = {
    release,
    class: classOf(change),
  }
  if (after !== undefined) c.predicate = after.predicate
  if (claim !== undefined) c.claim = claim
  if (before !== undefined && before.status === 'live') c.before = before.value
  if (after !== undefined && after.status === 'live') c.after = after.value
  if (change._tag === 'Identified') c.other = change.sameAs
  if (change._tag === 'Introduced') c.name = change.name
  if (change._tag === 'Aliased') c.name = change.alias
  if (change._tag === 'Revised' && change.settles !== undefined) c.settles = change.settles
  c.entity = subject
  return c as DiffChange
}

/**
 * What changed between two cuts: every change of the releases that B admits and A does not,
 * applied one by one on top of canon at A, so each carries the value before and after it.
 * Changes about entities that B does not admit are left out (spoiler safety). `entity`
 * restricts to one entity and everything identified with it at B.
 */
export const diff = (
  allReleases: ReadonlyArray<ReleaseView>,
  admittedA: ReadonlyArray<ReleaseView>,
  admittedB: ReadonlyArray<ReleaseView>,
  policy: CanonPolicy,
  entity?: EntityId,
): Diff => {
  const origins = claimOrigins(allReleases)
  const inA = new Set(admittedA.map((r) => r.release.id))
  const b = emptyBuilder()
  for (const r of admittedA) applyRelease(b, r, policy, origins)
  const stateA: CanonState = { releases: admittedA, ...cloneBuilder(b) }
  const between = admittedB.filter(
    (r) => !inA.has(r.release.id) && policy.admits.has(tierOf(r.release.kind)),
  )
  const found: DiffChange[] = []
  for (const r of between) {
    // The release applied one change at a time, so each change carries its before and after.
    // One view per release: the fold reads its changes and never keeps the view.
    const one: Change[] = []
    const single: ReleaseView = { ...r, changes: one }
    for (const change of r.changes) {
      one[0] = change
      const claim = 'claim' in change ? change.claim : undefined
      const before = claim === undefined ? undefined : b.claims.get(claim)
      applyRelease(b, single, policy, origins)
      const after = claim === undefined ? undefined : b.claims.get(claim)
      const subject =
        change._tag === 'Identified' || change._tag === 'Introduced' || change._tag === 'Aliased'
          ? change.entity
          : (after ?? before)?.subject
      if (subject === undefined) continue
      // An identification of entities this cut does not both admit takes no effect here.
      if (change._tag === 'Identified' && b.identifiedWith.get(change.sameAs) !== change.entity)
        continue
      found.push(changeOf(r, change, claim, before, after, subject))
    }
  }
  const stateB: CanonState = {
    releases: admittedB.filter((r) => policy.admits.has(tierOf(r.release.kind))),
    ...b,
  }
  const rootsB = rootsOf(stateB)
  const root = entity === undefined ? undefined : canonicalEntity(stateB, entity)
  const members = root === undefined ? undefined : groupAt(rootsB, root)
  const changes = found.filter(
    (c) =>
      stateB.entities.has(c.entity) &&
      (members === undefined ||
        members.has(c.entity) ||
        (c.other !== undefined && members.has(c.other))),
  )
  return { releases: between, changes, facts: factsOf(changes, stateA, stateB, rootsB), to: stateB }
}

const cloneBuilder = (b: ReturnType<typeof emptyBuilder>) => ({
  entities: new Map(b.entities),
  identifiedWith: new Map(b.identifiedWith),
  claims: new Map(b.claims),
})
