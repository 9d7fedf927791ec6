import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { ClaimId, EntityId, ReleaseId } from './ids'
import type { Change, Identified } from './change'
import { claimOfChange, speakersOf } from './change'
import type { Correction, CorrectionTarget } from './correction'
import type { CorrectEntry, Command, DeclareCalendar, RecordRelease } from './commands'
import { commandName } from './commands'
import type { DomainError } from './errors'
import { describeDomainError } from './errors'
import type { LedgerEvent, ReleaseRecorded } from './events'
import { Release, byReleaseKey, releaseSortKey, tierOf } from './release'
import { entitiesOfValue } from './value'
import { canonicalJson, sameContent } from './json'
import type { ClaimEntry, Identification, LedgerState, ReleaseEntry } from './state'
import { evolve, foldState } from './state'
import { applyCorrection } from './applyCorrection'
import { firstUnsafeText } from './safeText'
import { declarationProblem, findEra } from './calendar'
import { resolveFixTimes, resolveReleaseTimes } from './resolveTimes'

type Result = E.Either<DomainError, ReadonlyArray<LedgerEvent>>

/** What a release being checked can see: the ledger's indexes and its own earlier changes. */
interface Scope {
  readonly state: LedgerState
  readonly release: Release
  readonly key: string
  readonly introducedHere: Set<EntityId>
  readonly appearsHere: Set<EntityId>
  readonly touchedHere: Set<ClaimId>
  /** sameAs -> entity, for this release's identifications checked so far. */
  readonly identifiedHere: Map<EntityId, EntityId>
}

const keyOf = (state: LedgerState, id: ReleaseId): string | undefined => state.releases.get(id)?.key

const liveEntry = (state: LedgerState, id: ReleaseId): ReleaseEntry | undefined => {
  const entry = state.releases.get(id)
  return entry === undefined || entry.withdrawn ? undefined : entry
}

/**
 * An entity is visible to a release if introduced before it (in release order) or earlier in
 * it. An on-screen release may lean only on what was on screen: an entity a secondary source
 * introduced is visible to it once an on-screen release before it, or an earlier change of its
 * own, shows the entity appearing.
 */
const checkEntityVisible = (scope: Scope, entity: EntityId): E.Either<DomainError, void> => {
  if (scope.introducedHere.has(entity) || scope.appearsHere.has(entity)) return E.right(undefined)
  const known = scope.state.entities.get(entity)
  const introducer = known === undefined ? undefined : liveEntry(scope.state, known.introducedBy)
  if (known === undefined || introducer === undefined)
    return E.left({ _tag: 'UnknownEntity', entity, release: scope.release.id })
  if (introducer.key >= scope.key)
    return E.left({
      _tag: 'EntityNotYetIntroduced',
      entity,
      release: scope.release.id,
      introducedBy: known.introducedBy,
    })
  if (
    tierOf(scope.release.kind) === 'on-screen' &&
    tierOf(introducer.release.kind) !== 'on-screen' &&
    !shownOnScreenBefore(scope, known.appearances)
  )
    return E.left({
      _tag: 'SecondaryEntityOnScreen',
      entity,
      release: scope.release.id,
      introducedBy: known.introducedBy,
    })
  return E.right(undefined)
}

const shownOnScreenBefore = (scope: Scope, appearances: ReadonlyArray<ReleaseId>): boolean =>
  appearances.some((id) => {
    const entry = liveEntry(scope.state, id)
    return (
      entry !== undefined && entry.key < scope.key && tierOf(entry.release.kind) === 'on-screen'
    )
  })

/**
 * An appearance shows an entity the ledger knows, introduced before this release in release
 * order (by any tier: an on-screen appearance brings a secondary source's entity on screen),
 * once per release, and not by the release that introduces it.
 */
const checkAppearance = (
  scope: Scope,
  entity: EntityId,
  index: number,
): E.Either<DomainError, void> => {
  const invalid = (reason: string): E.Either<DomainError, void> =>
    E.left({
      _tag: 'InvalidAppearance',
      release: scope.release.id,
      change: index + 1,
      entity,
      reason,
    })
  if (scope.introducedHere.has(entity)) return invalid('this release introduces it')
  if (scope.appearsHere.has(entity)) return invalid('this release already shows it appearing')
  const known = scope.state.entities.get(entity)
  const introducer = known === undefined ? undefined : liveEntry(scope.state, known.introducedBy)
  if (known === undefined || introducer === undefined)
    return invalid('no release of the ledger introduces it (introduce it instead)')
  if (introducer.key >= scope.key)
    return E.left({
      _tag: 'EntityNotYetIntroduced',
      entity,
      release: scope.release.id,
      introducedBy: known.introducedBy,
    })
  scope.appearsHere.add(entity)
  return E.right(undefined)
}

const checkEntitiesVisible = (
  scope: Scope,
  entities: ReadonlyArray<EntityId>,
): E.Either<DomainError, void> => {
  for (const entity of entities) {
    const r = checkEntityVisible(scope, entity)
    if (E.isLeft(r)) return r
  }
  return E.right(undefined)
}

/** A claim acted on must be asserted by an earlier release and not retracted before this one. */
const checkClaimActionable = (scope: Scope, claim: ClaimId): E.Either<DomainError, ClaimEntry> => {
  const entry = scope.state.claims.get(claim)
  if (entry === undefined) return E.left({ _tag: 'UnknownClaim', claim, release: scope.release.id })
  const assertedKey = keyOf(scope.state, entry.assertedBy) ?? ''
  if (assertedKey >= scope.key)
    return E.left({
      _tag: 'ClaimNotYetAsserted',
      claim,
      release: scope.release.id,
      assertedBy: entry.assertedBy,
    })
  const retraction = entry.touches.find(
    (t) => t.tag === 'Retracted' && (keyOf(scope.state, t.release) ?? '') < scope.key,
  )
  if (retraction !== undefined)
    return E.left({ _tag: 'ClaimRetracted', claim, by: retraction.release })
  return E.right(entry)
}

/** The entity `id` is merged into, by an earlier change of this release or by a live release. */
const parentOf = (scope: Scope, id: EntityId): Identification | undefined => {
  const here = scope.identifiedHere.get(id)
  if (here !== undefined) return { entity: here, by: scope.release.id }
  const link = scope.state.identified.get(id)
  return link !== undefined && liveEntry(scope.state, link.by) !== undefined ? link : undefined
}

/** One merge on the way from an identification's entity back to its sameAs. */
interface Step extends Identification {
  readonly from: EntityId
}

/**
 * The merges that identifying `sameAs` with `entity` would close into a cycle, if any: the
 * chain from `entity` up its parent links to `sameAs`. The links form a forest (every entity
 * merged at most once, no cycle), so this walks one path to a root, whatever the release
 * dates: a cycle is refused even when its releases are far apart or appended out of order.
 * `seen` only ends the walk on a cycle in a ledger recorded before this check existed.
 */
const cycleClosedBy = (scope: Scope, change: Identified): ReadonlyArray<Step> | undefined => {
  const chain: Step[] = []
  const seen = new Set<EntityId>()
  for (let current = change.entity; !seen.has(current);) {
    seen.add(current)
    const parent = parentOf(scope, current)
    if (parent === undefined) return undefined
    chain.push({ ...parent, from: current })
    if (parent.entity === change.sameAs) return chain
    current = parent.entity
  }
  return undefined
}

const checkIdentification = (
  scope: Scope,
  change: Identified,
  index: number,
): E.Either<DomainError, void> => {
  const invalid = (reason: string, cycle?: ReadonlyArray<EntityId>): E.Either<DomainError, void> =>
    E.left({
      _tag: 'InvalidIdentification',
      release: scope.release.id,
      change: index + 1,
      entity: change.entity,
      sameAs: change.sameAs,
      reason,
      ...(cycle === undefined ? {} : { cycle }),
    })
  const both = checkEntitiesVisible(scope, [change.entity, change.sameAs])
  if (E.isLeft(both)) return both
  if (change.entity === change.sameAs) return invalid('an entity is already itself')
  // A second identification of the same entity is refused, not read as "the later one wins":
  // it would make the entity's root depend on release order.
  if (scope.identifiedHere.has(change.sameAs))
    return invalid(`release '${scope.release.id}' already identifies it`)
  const by = scope.state.identified.get(change.sameAs)?.by
  if (by !== undefined && by !== scope.release.id && liveEntry(scope.state, by) !== undefined)
    return invalid(`release '${by}' already identifies it`)
  const chain = cycleClosedBy(scope, change)
  if (chain !== undefined) {
    const cycle = [change.sameAs, change.entity, ...chain.map((step) => step.entity)]
    const merges = chain
      .map((step) => `'${step.from}' into '${step.entity}' by release '${step.by}'`)
      .join(', ')
    return invalid(
      `it would close a cycle of identifications, ${cycle.join(' -> ')} (each merged into the next; already ${merges})`,
      cycle,
    )
  }
  scope.identifiedHere.set(change.sameAs, change.entity)
  return E.right(undefined)
}

/**
 * The speakers of an account are entities this release can refer to, as any entity it names:
 * introduced before it in release order (or by it), on screen for an on-screen release.
 */
const checkSpeakers = (scope: Scope, change: Change): E.Either<DomainError, void> => {
  const claim = claimOfChange(change)
  for (const speaker of speakersOf(change)) {
    const seen = checkEntityVisible(scope, speaker)
    if (E.isLeft(seen) && claim !== undefined)
      return E.left({
        _tag: 'UnknownSpeaker',
        release: scope.release.id,
        claim,
        speaker,
        reason: invisibleBecause(seen.left),
        at: { field: ['account'] },
      })
  }
  return E.right(undefined)
}

/** Why an entity is not one the release can refer to, in a clause. */
const invisibleBecause = (e: DomainError): string =>
  e._tag === 'EntityNotYetIntroduced'
    ? `it is introduced only later in release order, by '${e.introducedBy}'`
    : e._tag === 'SecondaryEntityOnScreen'
      ? `only a secondary source ('${e.introducedBy}') introduces it, and no on-screen release before this one shows it`
      : 'no release of the ledger introduces it'

/**
 * A change in the story acts on a fact the release's viewers already know: a claim asserted by
 * an earlier release in release order, not retracted.
 */
const checkStoryChange = (
  scope: Scope,
  change: Extract<Change, { _tag: 'StoryChanged' }>,
): E.Either<DomainError, void> => {
  const target = checkClaimActionable(scope, change.claim)
  if (E.isLeft(target)) {
    const e = target.left
    const reason =
      e._tag === 'ClaimNotYetAsserted'
        ? `it is asserted only later in release order, by '${e.assertedBy}': a release cannot change in the story what its viewers have not yet been told`
        : e._tag === 'ClaimRetracted'
          ? `it was retracted by release '${e.by}'`
          : 'no release of the ledger asserts it'
    return E.left({
      _tag: 'InvalidStoryChange',
      release: scope.release.id,
      claim: change.claim,
      reason,
      at: { field: ['claim'] },
    })
  }
  return inField(
    ['value'],
    checkEntitiesVisible(scope, change.value === undefined ? [] : entitiesOfValue(change.value)),
  )
}

/** A refusal of one field of a change: the field is named, unless the refusal names its own. */
const inField = <A>(
  field: ReadonlyArray<string | number>,
  r: E.Either<DomainError, A>,
): E.Either<DomainError, A> =>
  E.mapLeft((e: DomainError): DomainError =>
    e.at?.field === undefined ? { ...e, at: { ...e.at, field } } : e,
  )(r)

const checkChange = (scope: Scope, change: Change, index: number): E.Either<DomainError, void> => {
  const claim = claimOfChange(change)
  if (claim !== undefined) {
    if (scope.touchedHere.has(claim))
      return E.left({ _tag: 'DuplicateChange', claim, release: scope.release.id })
    scope.touchedHere.add(claim)
  }
  const speakers = checkSpeakers(scope, change)
  if (E.isLeft(speakers)) return speakers
  switch (change._tag) {
    case 'Introduced': {
      const existing = scope.state.entities.get(change.entity)
      if (
        existing !== undefined &&
        existing.introducedBy !== scope.release.id &&
        liveEntry(scope.state, existing.introducedBy) !== undefined
      )
        return E.left({
          _tag: 'EntityAlreadyIntroduced',
          entity: change.entity,
          by: existing.introducedBy,
        })
      if (scope.introducedHere.has(change.entity) || scope.appearsHere.has(change.entity))
        return E.left({
          _tag: 'EntityAlreadyIntroduced',
          entity: change.entity,
          by: scope.release.id,
        })
      scope.introducedHere.add(change.entity)
      return E.right(undefined)
    }
    case 'Appeared':
      return checkAppearance(scope, change.entity, index)
    case 'Aliased':
      return inField(['entity'], checkEntityVisible(scope, change.entity))
    case 'Asserted': {
      const existing = scope.state.claims.get(change.claim)
      if (
        existing !== undefined &&
        existing.assertedBy !== scope.release.id &&
        liveEntry(scope.state, existing.assertedBy) !== undefined
      )
        return E.left({
          _tag: 'ClaimAlreadyAsserted',
          claim: change.claim,
          by: existing.assertedBy,
          at: { field: ['claim'] },
        })
      const subject = inField(['subject'], checkEntityVisible(scope, change.subject))
      return E.isLeft(subject)
        ? subject
        : inField(['value'], checkEntitiesVisible(scope, entitiesOfValue(change.value)))
    }
    case 'Confirmed':
      return E.map(() => undefined)(inField(['claim'], checkClaimActionable(scope, change.claim)))
    case 'Revised': {
      const target = inField(['claim'], checkClaimActionable(scope, change.claim))
      if (E.isLeft(target)) return target
      for (const [i, settled] of (change.settles ?? []).entries()) {
        const other = inField(['settles', i], checkClaimActionable(scope, settled))
        if (E.isLeft(other)) return other
        if (settled === change.claim)
          return E.left({
            _tag: 'InvalidSettlement',
            claim: change.claim,
            settles: settled,
            reason: 'a claim cannot settle itself',
          })
        if (
          other.right.subject !== target.right.subject ||
          other.right.predicate !== target.right.predicate
        )
          return E.left({
            _tag: 'InvalidSettlement',
            claim: change.claim,
            settles: settled,
            reason: 'it states a different fact',
          })
      }
      return inField(['value'], checkEntitiesVisible(scope, entitiesOfValue(change.value)))
    }
    case 'StoryChanged':
      return checkStoryChange(scope, change)
    case 'Retracted': {
      const target = inField(['claim'], checkClaimActionable(scope, change.claim))
      if (E.isLeft(target)) return target
      const later = target.right.touches.find(
        (t) => (keyOf(scope.state, t.release) ?? '') > scope.key,
      )
      return later === undefined
        ? E.right(undefined)
        : E.left({
            _tag: 'ChangedAfterRetraction',
            claim: change.claim,
            release: scope.release.id,
            laterChangeBy: later.release,
          })
    }
    case 'Identified':
      return checkIdentification(scope, change, index)
    default: {
      const never: never = change
      return never
    }
  }
}

/** Checks a release's changes in order against the ledger as it stands. */
export const checkRelease = (
  state: LedgerState,
  release: Release,
  changes: ReadonlyArray<Change>,
): E.Either<DomainError, void> => {
  const scope: Scope = {
    state,
    release,
    key: releaseSortKey(release),
    introducedHere: new Set(),
    appearsHere: new Set(),
    touchedHere: new Set(),
    identifiedHere: new Map(),
  }
  for (const [index, change] of changes.entries()) {
    const r = checkChange(scope, change, index)
    if (E.isLeft(r)) return E.left({ ...r.left, at: { ...r.left.at, change: index + 1 } })
  }
  return E.right(undefined)
}

const firstDifference = (a: unknown, b: unknown, path = ''): string => {
  if (canonicalJson(a) === canonicalJson(b)) return ''
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    for (const k of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}/${k}`,
      )
      if (d !== '') return d
    }
  }
  return `${path || '/'} differs`
}

/**
 * The release with its times as the universe's calendars record them (era times carry their
 * calendar's order), or the first time the calendars do not admit.
 */
const resolvedRelease = (
  command: RecordRelease,
  state: LedgerState,
): E.Either<DomainError, RecordRelease> =>
  pipe(
    resolveReleaseTimes(state.calendars, command.release, command.changes),
    E.mapLeft((p): DomainError => ({
      _tag: 'InvalidTime',
      entry: { release: command.release.id },
      time: p.time,
      reason: p.reason,
      at: { ...(p.change === undefined ? {} : { change: p.change }), field: p.field },
    })),
    E.map((r): RecordRelease => ({ ...command, ...r })),
  )

/** The same content as first recorded, or as corrected since (the author fixed the file too). */
const sameAsRecorded = (existing: ReleaseEntry, incoming: RecordRelease): boolean =>
  sameContent(
    { release: existing.recorded.release, changes: existing.recorded.changes },
    { release: incoming.release, changes: incoming.changes },
  ) ||
  sameContent(
    { release: existing.release, changes: existing.changes },
    { release: incoming.release, changes: incoming.changes },
  )

/**
 * A release already recorded is a no-op when it comes again as written (before or after its
 * times are resolved: a ledger may hold times of a calendar declared only later), and refused
 * with the first difference otherwise.
 */
const decideRecordRelease = (asked: RecordRelease, state: LedgerState): Result => {
  const existing = state.releases.get(asked.release.id)
  if (existing !== undefined && sameAsRecorded(existing, asked)) return E.right([])
  const resolved = resolvedRelease(asked, state)
  if (E.isLeft(resolved)) return resolved
  const command = resolved.right
  if (existing !== undefined)
    return sameAsRecorded(existing, command)
      ? E.right([])
      : E.left({
          _tag: 'ReleaseConflict',
          release: command.release.id,
          detail: firstDifference(
            { release: existing.release, changes: existing.changes },
            { release: command.release, changes: command.changes },
          ),
        })
  const event: ReleaseRecorded = {
    _tag: 'ReleaseRecorded',
    release: command.release,
    changes: command.changes,
  }
  return E.map(() => [event])(checkRelease(state, command.release, command.changes))
}

/**
 * The whole ledger is consistent if every live release passes the checks a new release
 * would, against the state of the whole (corrected) ledger: used when a correction moves a
 * release or withdraws one. Checking against the whole ledger, not a replay of the releases
 * before each one, names the real fault ("introduced only later, by X", not "unknown").
 * A release finds its own entities and claims in that state; `checkChange` lets it.
 * No correction can add an identification or change one (a change fix names a claim, and an
 * identification has none; a withdrawal only removes links), so no correction closes a cycle;
 * the check here still reports one that a ledger recorded before cycles were refused holds.
 */
const checkWholeLedger = (entries: ReadonlyArray<ReleaseEntry>): E.Either<DomainError, void> => {
  const ordered = entries.filter((e) => !e.withdrawn).sort(byReleaseKey)
  let whole = foldState([])
  let position = 0n
  for (const entry of ordered) {
    const recorded: ReleaseRecorded = {
      _tag: 'ReleaseRecorded',
      release: entry.release,
      changes: entry.changes,
    }
    whole = evolve(whole, { position, recordedAt: '', hash: '', prevHash: '', event: recorded })
    position += 1n
  }
  for (const entry of ordered) {
    const r = checkRelease(whole, entry.release, entry.changes)
    if (E.isLeft(r)) return r
  }
  return E.right(undefined)
}

const checkCorrection = (
  correction: Correction,
  state: LedgerState,
): E.Either<DomainError, void> => {
  const target = correction.target
  const entry = liveEntry(state, target.release)
  const invalid = (reason: string): E.Either<DomainError, void> =>
    E.left({ _tag: 'InvalidCorrection', correction: correction.id, reason })
  if (entry === undefined) return E.left({ _tag: 'UnknownRelease', release: target.release })
  switch (target._tag) {
    case 'ReleaseEntryFixed':
      if (Object.keys(target.set).length === 0) return invalid('it sets no field')
      break
    case 'ReleaseEntryWithdrawn':
      break
    case 'ChangeEntryFixed': {
      const change = entry.changes.find((c) => claimOfChange(c) === target.claim)
      if (change === undefined)
        return invalid(`release '${target.release}' makes no change to claim '${target.claim}'`)
      if (
        target.set.value !== undefined &&
        change._tag !== 'Asserted' &&
        change._tag !== 'Revised' &&
        !(change._tag === 'StoryChanged' && change.value !== undefined)
      )
        return invalid(
          `the change to '${target.claim}' in '${target.release}' carries no value to fix`,
        )
      if (target.set.valid !== undefined && change._tag !== 'Asserted' && change._tag !== 'Revised')
        return invalid(
          `the change to '${target.claim}' in '${target.release}' carries no validity to fix`,
        )
      if (Object.keys(target.set).length === 0) return invalid('it sets no field')
      break
    }
    default: {
      const never: never = target
      return never
    }
  }
  const corrected = applyCorrection(entry, correction)
  if (!Release.is(corrected.release))
    return invalid(`the corrected release '${target.release}' would not be a valid release`)
  const entries = [...state.releases.values()].map((e) =>
    e.release.id === entry.release.id
      ? { ...e, ...corrected, key: releaseSortKey(corrected.release) }
      : e,
  )
  const whole = checkWholeLedger(entries)
  return E.isLeft(whole) ? invalid(`after it, ${describeDomainError(whole.left)}`) : whole
}

/** The correction with the times it sets as the universe's calendars record them. */
const resolvedCorrection = (
  command: CorrectEntry,
  state: LedgerState,
): E.Either<DomainError, CorrectEntry> => {
  const correction = command.correction
  const target = correction.target
  const invalid = (p: { field: ReadonlyArray<string | number>; time: string; reason: string }) =>
    E.left<DomainError, CorrectEntry>({
      _tag: 'InvalidTime',
      entry: { correction: correction.id },
      time: p.time,
      reason: p.reason,
      at: { field: p.field },
    })
  const withTarget = (t: CorrectionTarget): E.Either<DomainError, CorrectEntry> =>
    E.right({ ...command, correction: { ...correction, target: t } })
  switch (target._tag) {
    case 'ReleaseEntryFixed':
      return pipe(
        resolveFixTimes(state.calendars, target.set),
        E.match(invalid, (set) => withTarget({ ...target, set })),
      )
    case 'ChangeEntryFixed':
      return pipe(
        resolveFixTimes(state.calendars, target.set),
        E.match(invalid, (set) => withTarget({ ...target, set })),
      )
    case 'ReleaseEntryWithdrawn':
      return E.right(command)
    default: {
      const never: never = target
      return never
    }
  }
}

const decideCorrectEntry = (asked: CorrectEntry, state: LedgerState): Result => {
  const resolved = resolvedCorrection(asked, state)
  if (E.isLeft(resolved)) return resolved
  const command = resolved.right
  const existing = state.corrections.get(command.correction.id)
  if (existing !== undefined)
    return sameContent(existing, command.correction)
      ? E.right([])
      : E.left({ _tag: 'CorrectionConflict', correction: command.correction.id })
  return E.map((): ReadonlyArray<LedgerEvent> => [
    { _tag: 'EntryCorrected', correction: command.correction },
  ])(checkCorrection(command.correction, state))
}

/**
 * A calendar is declared once: the same declaration again is a no-op, another with the same id
 * is refused (era times recorded with it carry its eras' order). Its era labels are its own
 * among the universe's calendars, and a universe has at most one Gregorian and one stardate
 * calendar, so that every time written names one calendar.
 */
const decideDeclareCalendar = (command: DeclareCalendar, state: LedgerState): Result => {
  const calendar = command.calendar
  const existing = state.calendars.get(calendar.id)
  if (existing !== undefined)
    return sameContent(existing, calendar)
      ? E.right([])
      : E.left({
          _tag: 'CalendarConflict',
          calendar: calendar.id,
          detail: firstDifference(existing, calendar),
        })
  const invalid = (reason: string): Result =>
    E.left({ _tag: 'InvalidCalendar', calendar: calendar.id, reason })
  const problem = declarationProblem(calendar)
  if (problem !== undefined) return invalid(problem)
  const same = [...state.calendars.values()].find(
    (c) => c.kind === calendar.kind && calendar.kind !== 'era',
  )
  if (same !== undefined)
    return invalid(`the universe already declares a ${calendar.kind} calendar, '${same.id}'`)
  for (const era of calendar.eras ?? []) {
    const clash = findEra(state.calendars, era.label)
    if (clash !== undefined)
      return invalid(
        `the era '${era.label}' is already an era of calendar '${clash.calendar.id}' (an era label names one era)`,
      )
  }
  return E.right([{ _tag: 'CalendarDeclared', calendar }])
}

/**
 * The whole domain contract: a command and the ledger's state give the events to record,
 * or the reason for refusing. An empty list is an idempotent no-op.
 */
export const decide = (command: Command, state: LedgerState): Result => {
  const { _tag: _, ...content } = command
  const unsafe = firstUnsafeText(content)
  if (unsafe !== undefined)
    return E.left({ _tag: 'UnsafeText', entry: commandName(command), ...unsafe })
  switch (command._tag) {
    case 'RecordRelease':
      return decideRecordRelease(command, state)
    case 'CorrectEntry':
      return decideCorrectEntry(command, state)
    case 'DeclareCalendar':
      return decideDeclareCalendar(command, state)
    default: {
      const never: never = command
      return never
    }
  }
}
