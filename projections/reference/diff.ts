import type { ClaimId, EntityId, Predicate } from '../../src/domain/ids'
import type { Account, Change, RevisionKind } from '../../src/domain/change'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import type { Value } from '../../src/domain/value'
import type { ReleaseView } from './ledgerView'
import type { CanonState, ClaimOrigins, ClaimState } from './canon'
import { applyChange, emptyCanon, foldCanon } from './canon'
import type { FactView } from './entityView'
import { canonicalEntity } from './entityView'
import { groupAt, rootsOf } from './diffFacts'

/** A change's class in a diff. Revisions carry their stated kind. */
export type DiffClass =
  | { readonly _tag: 'asserted' }
  | { readonly _tag: 'confirmed' }
  | { readonly _tag: 'revised'; readonly kind: RevisionKind }
  | { readonly _tag: 'changed-in-story' }
  | { readonly _tag: 'retracted' }
  | { readonly _tag: 'identified' }
  | { readonly _tag: 'introduced' }
  | { readonly _tag: 'appeared' }
  | { readonly _tag: 'aliased' }

export interface DiffChange {
  readonly release: ReleaseView
  /** Its place among its release's changes: with the release, its place in the diff. */
  readonly index: number
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
  /** A change in the story: whether the fact ends (else it takes `after`), from when. */
  readonly story?: {
    readonly ends: boolean
    readonly from?: InUniverseTime
    readonly when?: string
  }
  readonly account?: Account
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
  /** How many releases B admits that A does not. */
  readonly between: number
  /** The changes of those releases, in release order, then in each release's order. */
  readonly changes: ReadonlyArray<DiffChange>
  readonly from: CanonState
  readonly to: CanonState
}

const classOf = (change: Change): DiffClass => {
  switch (change._tag) {
    case 'Revised':
      return { _tag: 'revised', kind: change.kind }
    case 'StoryChanged':
      return { _tag: 'changed-in-story' }
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
    case 'Appeared':
      return { _tag: 'appeared' }
    case 'Aliased':
      return { _tag: 'aliased' }
    default: {
      const never: never = change
      return never
    }
  }
}

const claimOf = (change: Change): ClaimId | undefined =>
  'claim' in change ? change.claim : undefined

/** The entity a change is about when it names one (an introduction, appearance, alias or identity). */
export const entityOfChange = (change: Change): EntityId | undefined =>
  change._tag === 'Identified' ||
  change._tag === 'Introduced' ||
  change._tag === 'Appeared' ||
  change._tag === 'Aliased'
    ? change.entity
    : undefined

/**
 * One change as the diff reports it, its fields in one fixed order (absent ones left out), so
 * answers serialize the same whichever reader built them.
 */
export const changeOf = (
  release: ReleaseView,
  index: number,
  change: Change,
  before: ClaimState | undefined,
  after: ClaimState | undefined,
  entity: EntityId,
  settled: ReadonlyArray<ClaimId>,
): DiffChange => ({
  release,
  index,
  class: classOf(change),
  entity,
  ...(after === undefined ? {} : { predicate: after.predicate }),
  ...(claimOf(change) === undefined ? {} : { claim: claimOf(change) }),
  ...(before?.status === 'live' ? { before: before.value } : {}),
  ...(after?.status === 'live' ? { after: after.value } : {}),
  ...(change._tag === 'Identified' ? { other: change.sameAs } : {}),
  ...(change._tag === 'Introduced' || change._tag === 'Appeared' ? { name: change.name } : {}),
  ...(change._tag === 'Aliased' ? { name: change.alias } : {}),
  ...(settled.length === 0 ? {} : { settles: settled }),
  ...(change._tag === 'StoryChanged'
    ? {
        story: {
          ends: change.value === undefined,
          ...(change.from === undefined ? {} : { from: change.from }),
          ...(change.when === undefined ? {} : { when: change.when }),
        },
      }
    : {}),
  ...('account' in change && change.account !== undefined ? { account: change.account } : {}),
})

/**
 * What changed from cut A to cut B (A's releases among B's): canon at B is folded in release
 * order, and every change of a release that B admits and A does not is reported with the claim
 * as it stood just before and just after it. Changes about entities B does not admit are left
 * out (spoiler safety); `entity` restricts to one entity and everything identified with it at B.
 */
export const diff = (
  a: ReadonlyArray<ReleaseView>,
  b: ReadonlyArray<ReleaseView>,
  origins: ClaimOrigins,
  entity?: EntityId,
): Diff => {
  const inA = new Set(a.map((r) => r.release.id))
  const canon = emptyCanon()
  const found: DiffChange[] = []
  let between = 0
  for (const r of b) {
    const reported = !inA.has(r.release.id)
    if (reported) between += 1
    r.changes.forEach((change, index) => {
      const claim = claimOf(change)
      const before = claim === undefined ? undefined : canon.claims.get(claim)
      // Only settled claims this cut has seen are named (spoiler safety).
      const settled =
        change._tag === 'Revised' ? (change.settles ?? []).filter((c) => canon.claims.has(c)) : []
      applyChange(canon, r, change, origins)
      if (!reported) return
      const after = claim === undefined ? undefined : canon.claims.get(claim)
      const subject = entityOfChange(change) ?? (after ?? before)?.subject
      if (subject === undefined) return
      // An identification of entities this cut does not both admit takes no effect here.
      if (change._tag === 'Identified' && canon.identifiedWith.get(change.sameAs) !== change.entity)
        return
      found.push(changeOf(r, index, change, before, after, subject, settled))
    })
  }
  const to: CanonState = canon
  const roots = rootsOf(to)
  const root = entity === undefined ? undefined : canonicalEntity(to, entity)
  const members = root === undefined ? undefined : groupAt(roots, root)
  const changes = found.filter(
    (c) =>
      to.entities.has(c.entity) &&
      (members === undefined ||
        members.has(c.entity) ||
        (c.other !== undefined && members.has(c.other))),
  )
  return { between, changes, from: foldCanon(a, origins), to }
}
