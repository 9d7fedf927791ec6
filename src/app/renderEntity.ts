import type { EntityId, ReleaseId } from '../domain/ids'
import type { ClaimState, CanonState, ProvenanceStep } from '../../projections/canon'
import type { EntityView } from '../../projections/entityView'
import type { ReleaseView } from '../../projections/ledgerView'
import { sourceOfValue } from '../../projections/timeline'
import type { ReleaseRef } from './answers'
import { hiddenEntityName, nameAt, releaseRef, renderValidity, renderValue } from './answers'
import type {
  ClaimAnswer,
  EntityAnswer,
  EntityRefAnswer,
  FactAnswer,
  ProvenanceAnswer,
} from './queryTypes'

/** Release refs by id, for the releases an answer may cite. */
export type ReleaseRefs = (id: ReleaseId) => ReleaseRef

export const releaseRefs = (releases: ReadonlyArray<ReleaseView>): ReleaseRefs => {
  const byId = new Map(releases.map((r) => [r.release.id as string, releaseRef(r.release)]))
  return (id) =>
    byId.get(id) ?? {
      id,
      title: id,
      series: '',
      kind: '',
      tier: 'on-screen',
      date: '',
      sequence: 0,
    }
}

/** An entity as a reference: its name at the cut, or nothing of it if the cut does not admit it. */
export const entityRef = (state: CanonState, id: EntityId): EntityRefAnswer => {
  const name = nameAt(state, id)
  return name === undefined ? { id: '', name: hiddenEntityName } : { id, name }
}

const provenanceAnswer = (refs: ReleaseRefs, step: ProvenanceStep): ProvenanceAnswer => ({
  release: refs(step.release),
  change:
    step.change === 'Asserted'
      ? 'asserted'
      : step.change === 'Confirmed'
        ? 'confirmed'
        : step.change === 'Revised'
          ? 'revised'
          : 'retracted',
  ...(step.kind === undefined ? {} : { kind: step.kind }),
  ...(step.quote === undefined ? {} : { quote: step.quote }),
  ...(step.note === undefined ? {} : { note: step.note }),
  ...(step.exactReleaseUnknownWithin === undefined
    ? {}
    : { exactReleaseUnknownWithin: step.exactReleaseUnknownWithin }),
})

export const claimAnswer = (
  state: CanonState,
  refs: ReleaseRefs,
  claim: ClaimState,
): ClaimAnswer => {
  const source = sourceOfValue(claim)
  const lastValueStep = [...claim.provenance]
    .reverse()
    .find((s) => s.change === 'Asserted' || s.change === 'Revised')
  return {
    claim: claim.id,
    subject: entityRef(state, claim.subject),
    value: renderValue(state, claim.value),
    ...(claim.valid === undefined ? {} : { valid: renderValidity(claim.valid) }),
    tier: claim.tier,
    source: refs(source),
    ...(lastValueStep?.kind === undefined ? {} : { revisionKind: lastValueStep.kind }),
    provenance: claim.provenance.map((step) => provenanceAnswer(refs, step)),
  }
}

export const entityAnswerOf = (
  state: CanonState,
  refs: ReleaseRefs,
  view: EntityView,
): Pick<EntityAnswer, 'entity' | 'facts'> => ({
  entity: {
    id: view.id,
    name: view.name,
    aliases: view.aliases,
    identifiedWith: view.identifiedWith.map((id) => entityRef(state, id)),
    introducedBy: refs(view.introducedBy as ReleaseId),
  },
  facts: view.facts.map((fact): FactAnswer => ({
    predicate: fact.predicate,
    status: fact.status,
    claims: fact.claims.map((c) => claimAnswer(state, refs, c)),
  })),
})
