/**
 * TEST-ONLY ORACLE: a verbatim copy of `projections/diff.ts`'s `diff` as it stood before it was
 * made linear (commit 61351f2), kept so property tests can check that the fast `diff` gives the
 * very same output. Quadratic: never use it outside tests. Do not "improve" it.
 */
import type { EntityId, Predicate } from '../../src/domain/ids'
import type { Change } from '../../src/domain/change'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { tierOf } from '../../src/domain/release'
import type { ReleaseView } from '../../projections/ledgerView'
import type { CanonState } from '../../projections/canon'
import { applyRelease, claimOrigins, emptyBuilder } from '../../projections/canon'
import { canonicalEntity, factStatus } from '../../projections/entityView'
import type { Diff, DiffChange, DiffClass, FactAt, FactDiff } from '../../projections/diff'

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

const factAt = (
  state: CanonState,
  members: ReadonlySet<EntityId>,
  predicate: Predicate,
): FactAt | undefined => {
  const claims = [...state.claims.values()].filter(
    (c) => c.status === 'live' && c.predicate === predicate && members.has(c.subject),
  )
  return claims.length === 0 ? undefined : { status: factStatus(claims), claims }
}

const groupAt = (state: CanonState, root: EntityId): ReadonlySet<EntityId> =>
  new Set([...state.entities.keys()].filter((id) => canonicalEntity(state, id) === root))

/**
 * What changed between two cuts: every change of the releases that B admits and A does not,
 * applied one by one on top of canon at A, so each carries the value before and after it.
 * Changes about entities that B does not admit are left out (spoiler safety). `entity`
 * restricts to one entity and everything identified with it at B.
 */
export const diffReference = (
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
  const raw: Array<Omit<DiffChange, 'entity'> & { readonly subject: EntityId }> = []
  for (const r of between)
    for (const change of r.changes) {
      const claim = 'claim' in change ? change.claim : undefined
      const before = claim === undefined ? undefined : b.claims.get(claim)
      applyRelease(b, { ...r, changes: [change] }, policy, origins)
      const after = claim === undefined ? undefined : b.claims.get(claim)
      const subject =
        change._tag === 'Identified' || change._tag === 'Introduced' || change._tag === 'Aliased'
          ? change.entity
          : (after ?? before)?.subject
      if (subject === undefined) continue
      // An identification of entities this cut does not both admit takes no effect here.
      if (change._tag === 'Identified' && b.identifiedWith.get(change.sameAs) !== change.entity)
        continue
      raw.push({
        release: r,
        class: classOf(change),
        subject,
        ...(after === undefined ? {} : { predicate: after.predicate }),
        ...(claim === undefined ? {} : { claim }),
        ...(before === undefined || before.status !== 'live' ? {} : { before: before.value }),
        ...(after === undefined || after.status !== 'live' ? {} : { after: after.value }),
        ...(change._tag === 'Identified' ? { other: change.sameAs } : {}),
        ...(change._tag === 'Introduced' ? { name: change.name } : {}),
        ...(change._tag === 'Aliased' ? { name: change.alias } : {}),
        ...(change._tag === 'Revised' && change.settles !== undefined
          ? { settles: change.settles }
          : {}),
      })
    }
  const stateB: CanonState = {
    releases: admittedB.filter((r) => policy.admits.has(tierOf(r.release.kind))),
    ...b,
  }
  const root = entity === undefined ? undefined : canonicalEntity(stateB, entity)
  const members = root === undefined ? undefined : groupAt(stateB, root)
  const changes: DiffChange[] = raw
    .filter((c) => stateB.entities.has(c.subject))
    .filter(
      (c) =>
        members === undefined ||
        members.has(c.subject) ||
        (c.other !== undefined && members.has(c.other)),
    )
    .map(({ subject, ...rest }) => ({ ...rest, entity: subject }))
  return { releases: between, changes, facts: factsOf(changes, stateA, stateB), to: stateB }
}

const cloneBuilder = (b: ReturnType<typeof emptyBuilder>) => ({
  entities: new Map(b.entities),
  identifiedWith: new Map(b.identifiedWith),
  claims: new Map(b.claims),
})

/** Per fact touched: its live claims at A (the entity's group there) and at B. */
const factsOf = (
  changes: ReadonlyArray<DiffChange>,
  stateA: CanonState,
  stateB: CanonState,
): ReadonlyArray<FactDiff> => {
  const seen = new Map<string, { readonly entity: EntityId; readonly predicate: Predicate }>()
  for (const c of changes)
    if (c.predicate !== undefined) {
      const entity = canonicalEntity(stateB, c.entity)
      seen.set(`${entity} ${c.predicate}`, { entity, predicate: c.predicate })
    }
  return [...seen.values()]
    .sort((x, y) =>
      x.entity < y.entity
        ? -1
        : x.entity > y.entity
          ? 1
          : x.predicate < y.predicate
            ? -1
            : x.predicate > y.predicate
              ? 1
              : 0,
    )
    .map(({ entity, predicate }) => {
      const membersB = groupAt(stateB, entity)
      const membersA = new Set(
        [...membersB].filter((id) => stateA.entities.has(id)).map((id) => id),
      )
      return {
        entity,
        predicate,
        before: factAt(stateA, membersA, predicate),
        after: factAt(stateB, membersB, predicate),
      }
    })
}
