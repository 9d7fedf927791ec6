import type {
  ClaimAnswer,
  EntityAnswer,
  EntityRefAnswer,
  FactAnswer,
  ProvenanceAnswer,
} from '../port/answers'
import type { Naming } from '../answers/naming'
import type { Candidate } from '../reference/lookup'
import type { At } from './at'
import type { ClaimAt } from './claimFold'
import { givesValue } from './claimFold'
import { cutAnswerOf } from './admission'
import { entityAt, groupAt, rootAt } from './entityFold'
import { groupClaims } from './groupClaims'
import { genRef, validityAnswer, valueAnswer } from './rendered'
import { provAt } from './payload'
import { revisionKinds } from './rowTags'
import { tierOfCode, tierRankOfCode } from './tiers'
import { noProvenance } from './valueTable'
import { accountAt, namingAt, phasesOf } from './views'
import { accountAnswer, storyAnswer } from '../answers/story'

/**
 * An entity's answer at a cut, assembled straight from the folds and the index's renderings:
 * the same answer `projections/answers/entity.ts` renders from the reference's entity view,
 * without building that view first. Accounts and phases in the story (few claims have them)
 * are rendered by the shared renderers (`projections/answers/story.ts`).
 */
const words = ['asserted', 'confirmed', 'revised', 'retracted', 'changed-in-story'] as const
const revisedStep = 2

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

const provenanceOf = (at: At, s: ClaimAt, naming: () => Naming): ProvenanceAnswer[] => {
  const ix = at.a.ix
  const out: ProvenanceAnswer[] = []
  for (let i = 0; i < s.steps.length; i += 3) {
    const row = s.steps[i] as number
    const g = s.steps[i + 1] as number
    const change = s.steps[i + 2] as number
    const p = provAt(ix, row, g)
    const release = genRef(ix, g)
    const word = words[change] ?? 'asserted'
    const step: Mutable<ProvenanceAnswer> =
      change === revisedStep
        ? { release, change: word, kind: revisionKinds[ix.rowC.get(row)] ?? 'revelation' }
        : { release, change: word }
    if (p !== noProvenance) {
      const prov = ix.values.provenances.get(p)
      if (prov.quote !== undefined) step.quote = prov.quote
      if (prov.note !== undefined) step.note = prov.note
      if (prov.exactReleaseUnknownWithin !== undefined)
        step.exactReleaseUnknownWithin = prov.exactReleaseUnknownWithin
      if (prov.account !== undefined) step.account = accountAnswer(naming(), prov.account)
    }
    out.push(step)
  }
  return out
}

/** The step that gave the current value: the last assertion, revision or change in the story. */
const lastValueStep = (s: ClaimAt): number => {
  for (let i = s.steps.length - 3; i >= 0; i -= 3)
    if (givesValue(s.steps[i + 2] as number)) return i
  return 0
}

const claimAnswerOf = (
  at: At,
  s: ClaimAt,
  subject: EntityRefAnswer,
  naming: () => Naming,
): ClaimAnswer => {
  const ix = at.a.ix
  const last = lastValueStep(s)
  // Fields in the order the shared renderer gives them (answers/entity.ts), so that answers
  // serialize alike whichever reader built them.
  const answer = {
    claim: ix.claims.text(s.c),
    subject,
    value: valueAnswer(ix, s.value, naming),
  } as Mutable<ClaimAnswer>
  if (s.valid >= 0) answer.valid = validityAnswer(ix, s.valid)
  answer.tier = tierOfCode(s.tier)
  answer.source = genRef(ix, s.steps[last + 1] as number)
  if (s.steps[last + 2] === revisedStep)
    answer.revisionKind = revisionKinds[ix.rowC.get(s.steps[last] as number)] ?? 'revelation'
  const account = accountAt(ix, s.accountRow, s.accountGen)
  if (account !== undefined) answer.account = accountAnswer(naming(), account)
  if (s.story !== undefined) answer.story = storyAnswer(naming(), phasesOf(ix, s.story))
  answer.provenance = provenanceOf(at, s, naming)
  return answer
}

/** Facts in predicate order, each claim canon first then in the state's order. */
const factsOf = (
  at: At,
  claims: ClaimAt[],
  refs: ReadonlyMap<number, EntityRefAnswer>,
  naming: () => Naming,
): FactAnswer[] => {
  const ix = at.a.ix
  const rank = at.a.d.predicateRank
  // `claims` come in the state's order; a stable sort keeps it within a fact and a tier.
  const sorted = claims.sort(
    (x, y) =>
      (rank[x.predicate] as number) - (rank[y.predicate] as number) ||
      tierRankOfCode(x.tier) - tierRankOfCode(y.tier),
  )
  const facts: FactAnswer[] = []
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i] as ClaimAt
    const best = tierRankOfCode(first.tier)
    let conflict = false
    const answers: ClaimAnswer[] = []
    for (; i < sorted.length && (sorted[i] as ClaimAt).predicate === first.predicate; i++) {
      const s = sorted[i] as ClaimAt
      if (s.value !== first.value && tierRankOfCode(s.tier) === best) conflict = true
      answers.push(claimAnswerOf(at, s, refs.get(s.subject) as EntityRefAnswer, naming))
    }
    facts.push({
      predicate: ix.predicates.text(first.predicate),
      status: conflict ? 'conflict' : 'settled',
      claims: answers,
    })
  }
  return facts
}

/** The answer for entity `e` (admitted by the cut), matched by `matched` for `query`. */
export const entityAnswerAt = (
  at: At,
  e: number,
  query: string,
  matched: Candidate,
): EntityAnswer | undefined => {
  if (entityAt(at, e) === undefined) return undefined
  const ix = at.a.ix
  const root = rootAt(at, e)
  const entity = entityAt(at, root)
  if (entity === undefined) return undefined
  const group = groupAt(at, root)
  const refs = new Map<number, EntityRefAnswer>(
    group.map((m) => [m.e, { id: ix.entities.text(m.e), name: m.name }]),
  )
  let naming: Naming | undefined
  const lazyNaming = (): Naming => (naming ??= namingAt(at))
  const others = group.filter((m) => m.e !== root)
  const aliases = [
    ...new Set(
      others.length === 0
        ? entity.aliases
        : [...entity.aliases, ...others.flatMap((m) => [m.name, ...m.aliases])],
    ),
  ].filter((a) => a !== entity.name)
  return {
    at: cutAnswerOf(at.a),
    matched: { query, text: matched.text, by: matched.by },
    entity: {
      id: ix.entities.text(root),
      name: entity.name,
      aliases,
      identifiedWith: others.map((m) => refs.get(m.e) as EntityRefAnswer),
      introducedBy: genRef(ix, entity.introducedGen),
    },
    facts: factsOf(at, groupClaims(at, group), refs, lazyNaming),
  }
}
