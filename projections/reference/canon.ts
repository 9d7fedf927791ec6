import type { ClaimId, EntityId, Predicate, ReleaseId } from '../../src/domain/ids'
import type {
  Account,
  Change,
  ClaimChange,
  Revised,
  RevisionKind,
  StoryChanged,
  Validity,
} from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import type { SourceTier } from '../../src/domain/release'
import { tierOf } from '../../src/domain/release'
import type { ReleaseView } from './ledgerView'

/** One step in a claim's provenance: which release did what to it. */
export interface ProvenanceStep {
  readonly release: ReleaseId
  readonly change: 'Asserted' | 'Confirmed' | 'Revised' | 'StoryChanged' | 'Retracted'
  readonly kind?: RevisionKind
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
  /** The step is a character's account (said or believed), not what the story shows. */
  readonly account?: Account
}

/**
 * One stretch of a fact inside the story: from a point of the story on, it holds `value`, or
 * (no value) no longer holds. The first phase is the fact as first told, with its validity;
 * each later one a change in the story, in the order the releases told them, valid from its
 * in-universe time (`from`), its `when` as the validity's note.
 */
export interface StoryPhase {
  readonly value?: Value
  readonly valid?: Validity
  /** The release that told it. */
  readonly release: ReleaseId
  readonly account?: Account
}

export interface ClaimState {
  readonly id: ClaimId
  readonly subject: EntityId
  readonly predicate: Predicate
  /** What the story says now (the last phase's value; once the fact ended, the last it held). */
  readonly value: Value
  /** When in the story `value` holds (once the fact ended: until when it held). */
  readonly valid?: Validity
  /** The tier of the release that gave the current value. */
  readonly tier: SourceTier
  readonly status: 'live' | 'retracted' | 'settled'
  readonly settledBy?: ClaimId
  /** The current value is a character's account, not what the story shows. */
  readonly account?: Account
  /** The fact's phases in the story, once a release changed it in the story (two or more). */
  readonly story?: ReadonlyArray<StoryPhase>
  readonly provenance: ReadonlyArray<ProvenanceStep>
}

/** Whether the fact holds now in the story: it has not ended (or has taken a value since). */
export const holdsNow = (claim: ClaimState): boolean =>
  claim.story === undefined || claim.story[claim.story.length - 1]?.value !== undefined

/** The release that last told what the story says of the fact: its assertion, revision or change. */
export const sourceOfValue = (claim: ClaimState): ReleaseId => {
  const steps = claim.provenance.filter(
    (s) => s.change === 'Asserted' || s.change === 'Revised' || s.change === 'StoryChanged',
  )
  return (steps[steps.length - 1] ?? claim.provenance[0])?.release ?? ('' as ReleaseId)
}

export interface EntityState {
  readonly id: EntityId
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  /** The first admitted release that showed it: its introduction, or an appearance. */
  readonly introducedBy: ReleaseId
}

/** Canon after a set of admitted releases: everything a viewer there could know, nothing more. */
export interface CanonState {
  readonly entities: ReadonlyMap<EntityId, EntityState>
  /** Identified entities: `sameAs` -> the entity it is one with. */
  readonly identifiedWith: ReadonlyMap<EntityId, EntityId>
  readonly claims: ReadonlyMap<ClaimId, ClaimState>
}

/** Where each claim was asserted (its subject and predicate), across every release read. */
export type ClaimOrigins = ReadonlyMap<
  ClaimId,
  { readonly subject: EntityId; readonly predicate: Predicate }
>

export const claimOrigins = (releases: ReadonlyArray<ReleaseView>): ClaimOrigins =>
  new Map(
    releases.flatMap((r) =>
      r.changes.flatMap((c) =>
        c._tag === 'Asserted'
          ? [[c.claim, { subject: c.subject, predicate: c.predicate }] as const]
          : [],
      ),
    ),
  )

/**
 * What a change says of its own source, as answers show it: a note for an entity's change; a
 * quote, note, the span its release is known within, and whose account it is for a claim's.
 */
export const provenanceFields = (change: Change) =>
  change._tag === 'Introduced' || change._tag === 'Appeared' || change._tag === 'Aliased'
    ? { ...(change.note === undefined ? {} : { note: change.note }) }
    : {
        ...('quote' in change && change.quote !== undefined ? { quote: change.quote } : {}),
        ...(change.note === undefined ? {} : { note: change.note }),
        ...('exactReleaseUnknownWithin' in change && change.exactReleaseUnknownWithin !== undefined
          ? { exactReleaseUnknownWithin: change.exactReleaseUnknownWithin }
          : {}),
        ...('account' in change && change.account !== undefined ? { account: change.account } : {}),
      }

/** A provenance step; a revision first seen here (`as` Asserted) is where the claim starts. */
const stepOf = (
  release: ReleaseId,
  change: ClaimChange,
  as: ProvenanceStep['change'] = change._tag,
): ProvenanceStep => ({
  release,
  change: as,
  ...(change._tag === 'Revised' && as === 'Revised' ? { kind: change.kind } : {}),
  ...provenanceFields(change),
})

const accountOf = (change: { readonly account?: Account }) =>
  change.account === undefined ? {} : { account: change.account }

const validField = (valid: Validity | undefined): { readonly valid?: Validity } =>
  valid === undefined || Object.keys(valid).length === 0 ? {} : { valid }

/** When a change in the story takes effect: from its time, its `when` said in words. */
export const changeValidity = (change: StoryChanged): Validity => ({
  ...(change.from === undefined ? {} : { from: change.from }),
  ...(change.when === undefined ? {} : { note: change.when }),
})

/** A phase as a story change tells it. */
const phaseOf = (release: ReleaseId, change: StoryChanged): StoryPhase => ({
  ...(change.value === undefined ? {} : { value: change.value }),
  ...validField(changeValidity(change)),
  release,
  ...accountOf(change),
})

/** The fact as it stood before its first change in the story: its first phase. */
const firstPhaseOf = (claim: ClaimState): StoryPhase => ({
  value: claim.value,
  ...validField(claim.valid),
  release: sourceOfValue(claim),
  ...accountOf(claim),
})

/**
 * The validity of what the story says after a change: a new value holds from the change; an
 * ended fact held its last value until the change.
 */
export const validityAfter = (
  valid: Validity | undefined,
  change: StoryChanged,
): Validity | undefined => {
  if (change.value !== undefined) return changeValidity(change)
  const { until: _was, ...held } = valid ?? {}
  return {
    ...held,
    ...(change.from === undefined ? {} : { until: change.from }),
    ...(change.when === undefined ? {} : { note: change.when }),
  }
}

/**
 * A change in the story: a new phase after the fact's others. The claim's value is the new
 * one (an end keeps the last value held); nothing known before is revised. A change of a fact
 * this fold has not seen (its assertion is not admitted) is where this viewer first learns the
 * fact, if it gives a value; an end of a fact never seen tells this viewer nothing.
 */
const changeInStory = (
  canon: Canon,
  release: ReleaseId,
  tier: SourceTier,
  change: StoryChanged,
  origins: ClaimOrigins,
): void => {
  const claim = canon.claims.get(change.claim)
  const origin = origins.get(change.claim)
  const step = stepOf(release, change)
  if (claim === undefined) {
    if (origin === undefined || change.value === undefined) return
    canon.claims.set(change.claim, {
      id: change.claim,
      subject: origin.subject,
      predicate: origin.predicate,
      value: change.value,
      tier,
      status: 'live',
      ...accountOf(change),
      ...validField(changeValidity(change)),
      story: [phaseOf(release, change)],
      provenance: [step],
    })
    return
  }
  const { account: _account, valid: _valid, ...rest } = claim
  const account = change.value === undefined ? claim.account : change.account
  canon.claims.set(change.claim, {
    ...rest,
    value: change.value ?? claim.value,
    ...validField(validityAfter(claim.valid, change)),
    tier,
    status: 'live',
    ...(account === undefined ? {} : { account }),
    story: [...(claim.story ?? [firstPhaseOf(claim)]), phaseOf(release, change)],
    provenance: [...claim.provenance, step],
  })
}

/**
 * A revision revises what the story says now: the claim's value (and validity, if it gives
 * one), and its latest phase's.
 */
const revisedStory = (
  story: ReadonlyArray<StoryPhase> | undefined,
  change: Revised,
): { readonly story?: ReadonlyArray<StoryPhase> } => {
  if (story === undefined) return {}
  const last = story[story.length - 1]
  if (last === undefined) return { story }
  const { account: _was, ...phase } = last
  return {
    story: [
      ...story.slice(0, -1),
      {
        ...phase,
        value: change.value,
        ...(change.valid === undefined ? {} : { valid: change.valid }),
        ...accountOf(change),
      },
    ],
  }
}

/**
 * A fold's accumulator. It is local to one fold (`foldCanon` and the diff's walk make one and
 * hand it out only as the read-only `CanonState`): applying a change updates it in place, so a
 * fold is linear in the changes.
 */
export interface Canon {
  readonly entities: Map<EntityId, EntityState>
  readonly identifiedWith: Map<EntityId, EntityId>
  readonly claims: Map<ClaimId, ClaimState>
}

/** A name shown for an entity already known here: kept as an alias. */
const withNames = (entity: EntityState, names: ReadonlyArray<string>): EntityState => {
  const added = names.filter((n) => n !== entity.name && !entity.aliases.includes(n))
  return added.length === 0 ? entity : { ...entity, aliases: [...entity.aliases, ...added] }
}

const showEntity = (
  canon: Canon,
  id: EntityId,
  name: string,
  aliases: ReadonlyArray<string>,
  release: ReleaseId,
): void => {
  const known = canon.entities.get(id)
  canon.entities.set(
    id,
    known === undefined
      ? {
          id,
          name,
          aliases: [...new Set(aliases)].filter((a) => a !== name),
          introducedBy: release,
        }
      : withNames(known, [name, ...aliases]),
  )
}

const settle = (canon: Canon, change: Revised): void => {
  for (const settled of change.settles ?? []) {
    const other = canon.claims.get(settled)
    if (other !== undefined && other.status === 'live')
      canon.claims.set(settled, { ...other, status: 'settled', settledBy: change.claim })
  }
}

/**
 * One change of one admitted release. A revision of a claim this fold has not seen (its
 * asserting release is not admitted: a narrower policy, a watched set that skips it) is where
 * this viewer first learns the fact: it asserts it, with the subject and predicate it was
 * asserted with.
 */
export const applyChange = (
  canon: Canon,
  release: ReleaseView,
  change: Change,
  origins: ClaimOrigins,
): void => {
  const id = release.release.id
  const tier = tierOf(release.release.kind)
  switch (change._tag) {
    case 'Introduced':
    case 'Appeared':
      return showEntity(canon, change.entity, change.name, change.aliases ?? [], id)
    case 'Aliased': {
      const entity = canon.entities.get(change.entity)
      if (entity !== undefined) canon.entities.set(change.entity, withNames(entity, [change.alias]))
      return
    }
    case 'Identified':
      if (canon.entities.has(change.entity) && canon.entities.has(change.sameAs))
        canon.identifiedWith.set(change.sameAs, change.entity)
      return
    case 'Asserted':
      canon.claims.set(change.claim, {
        id: change.claim,
        subject: change.subject,
        predicate: change.predicate,
        value: change.value,
        ...(change.valid === undefined ? {} : { valid: change.valid }),
        tier,
        status: 'live',
        ...accountOf(change),
        provenance: [stepOf(id, change)],
      })
      return
    case 'Confirmed': {
      const claim = canon.claims.get(change.claim)
      if (claim !== undefined)
        canon.claims.set(change.claim, {
          ...claim,
          provenance: [...claim.provenance, stepOf(id, change)],
        })
      return
    }
    case 'Revised': {
      const claim = canon.claims.get(change.claim)
      const origin = origins.get(change.claim)
      const base = claim ?? (origin === undefined ? undefined : { id: change.claim, ...origin })
      if (base !== undefined)
        canon.claims.set(change.claim, {
          id: base.id,
          subject: base.subject,
          predicate: base.predicate,
          value: change.value,
          ...(change.valid === undefined
            ? claim?.valid === undefined
              ? {}
              : { valid: claim.valid }
            : { valid: change.valid }),
          tier,
          status: 'live',
          ...accountOf(change),
          ...revisedStory(claim?.story, change),
          provenance:
            claim === undefined
              ? [stepOf(id, change, 'Asserted')]
              : [...claim.provenance, stepOf(id, change)],
        })
      settle(canon, change)
      return
    }
    case 'StoryChanged':
      return changeInStory(canon, id, tier, change, origins)
    case 'Retracted': {
      const claim = canon.claims.get(change.claim)
      if (claim !== undefined)
        canon.claims.set(change.claim, {
          ...claim,
          status: 'retracted',
          provenance: [...claim.provenance, stepOf(id, change)],
        })
      return
    }
    default: {
      const never: never = change
      return never
    }
  }
}

/**
 * THE fold: canon after the admitted releases (already cut and filtered by the policy, in
 * release order), their changes applied one by one. Claim origins come from every release
 * read, so a revision of an unadmitted assertion still knows what it revises.
 */
export const emptyCanon = (): Canon => ({
  entities: new Map(),
  identifiedWith: new Map(),
  claims: new Map(),
})

export const foldCanon = (
  admitted: ReadonlyArray<ReleaseView>,
  origins: ClaimOrigins,
): CanonState => {
  const canon = emptyCanon()
  for (const release of admitted)
    for (const change of release.changes) applyChange(canon, release, change, origins)
  return canon
}
