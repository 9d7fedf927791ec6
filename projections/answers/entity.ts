import type { ReleaseId } from '../../src/domain/ids'
import type { ClaimAnswer, EntityAnswer, FactAnswer, ProvenanceAnswer } from '../port/answers'
import type { ClaimState, ProvenanceStep } from '../reference/canon'
import type { EntityView } from '../reference/entityView'
import { sourceOfValue } from '../reference/canon'
import type { Naming } from './naming'
import { entityRef, renderValidity, renderValue } from './values'
import { accountField, storyAnswer } from './story'

const changeWords = {
  Asserted: 'asserted',
  Confirmed: 'confirmed',
  Revised: 'revised',
  StoryChanged: 'changed-in-story',
  Retracted: 'retracted',
} as const

const provenanceAnswer = (naming: Naming, step: ProvenanceStep): ProvenanceAnswer => ({
  release: naming.release(step.release),
  change: changeWords[step.change],
  ...(step.kind === undefined ? {} : { kind: step.kind }),
  ...(step.quote === undefined ? {} : { quote: step.quote }),
  ...(step.note === undefined ? {} : { note: step.note }),
  ...(step.exactReleaseUnknownWithin === undefined
    ? {}
    : { exactReleaseUnknownWithin: step.exactReleaseUnknownWithin }),
  ...accountField(naming, step.account),
})

export const claimAnswer = (naming: Naming, claim: ClaimState): ClaimAnswer => {
  const lastValueStep = [...claim.provenance]
    .reverse()
    .find((s) => s.change === 'Asserted' || s.change === 'Revised' || s.change === 'StoryChanged')
  return {
    claim: claim.id,
    subject: entityRef(naming, claim.subject),
    value: renderValue(naming, claim.value),
    ...(claim.valid === undefined ? {} : { valid: renderValidity(claim.valid) }),
    tier: claim.tier,
    source: naming.release(sourceOfValue(claim)),
    ...(lastValueStep?.kind === undefined ? {} : { revisionKind: lastValueStep.kind }),
    ...accountField(naming, claim.account),
    ...(claim.story === undefined ? {} : { story: storyAnswer(naming, claim.story) }),
    provenance: claim.provenance.map((step) => provenanceAnswer(naming, step)),
  }
}

export const entityAnswerOf = (
  naming: Naming,
  view: EntityView,
): Pick<EntityAnswer, 'entity' | 'facts'> => ({
  entity: {
    id: view.id,
    name: view.name,
    aliases: view.aliases,
    identifiedWith: view.identifiedWith.map((id) => entityRef(naming, id)),
    introducedBy: naming.release(view.introducedBy as ReleaseId),
  },
  facts: view.facts.map((fact): FactAnswer => ({
    predicate: fact.predicate,
    status: fact.status,
    claims: fact.claims.map((c) => claimAnswer(naming, c)),
  })),
})
