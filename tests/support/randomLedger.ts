import * as E from 'fp-ts/Either'
import type { Change } from '../../src/domain/change'
import type { Command } from '../../src/domain/commands'
import { decide } from '../../src/domain/decide'
import type { Recorded } from '../../src/domain/events'
import type { ClaimId, EntityId } from '../../src/domain/ids'
import { claimId, correctionId, entityId, predicate, releaseId, text } from '../../src/domain/ids'
import { isoDate } from '../../src/domain/calendarDate'
import type { Release, ReleaseKind } from '../../src/domain/release'
import { tierOf } from '../../src/domain/release'
import type { LedgerState } from '../../src/domain/state'
import { evolve, foldState } from '../../src/domain/state'
import { rng } from '../../bench/rng'
import type { Rng } from '../../bench/rng'
import type { CorrectionTarget } from '../../src/domain/correction'

export { rng } from '../../bench/rng'
export type { Rng } from '../../bench/rng'

const kinds: ReadonlyArray<ReleaseKind> = [
  'episode',
  'episode',
  'episode',
  'film',
  'interview',
  'article',
]
const seriesOf = ['Picard', 'Prodigy', 'Shorts']
const predicates = ['casualties', 'perpetrator', 'place']

/**
 * Writes a random universe in release order (each release valid given the ones before it, tiers
 * respected), then appends it in a shuffled order through `decide`, retrying refused releases
 * after others land, with corrections (date moves, withdrawals, value fixes) tried in between.
 * Only accepted events are recorded, so the ledger is one the real append path could hold.
 */
export const randomLedger = (seed: number, size = 10): ReadonlyArray<Recorded> => {
  const r = rng(seed)
  const entities = [
    'person/oh',
    'person/nedar',
    'event/mars-attack',
    'place/mars',
    'ship/a',
    'ship/b',
  ]
  const introducedBy = new Map<string, 'on-screen' | 'secondary'>()
  const live = new Map<string, { subject: string; predicate: string }>()
  const releases: Array<{ release: Release; changes: Change[] }> = []
  let claimCount = 0
  const value = () =>
    r.chance(0.5)
      ? { _tag: 'Quantity' as const, amount: 90000 + r.int(4), qualifier: 'exact' as const }
      : { _tag: 'Text' as const, text: text(r.pick(['synths', 'romulans', 'oh'])) }
  for (let i = 0; i < size; i++) {
    const kind = r.pick(kinds)
    const onScreen = tierOf(kind) === 'on-screen'
    const release: Release = {
      id: releaseId(`r${i}`),
      title: text(`Release ${i}`),
      series: text(r.pick(seriesOf)),
      kind,
      // Few distinct days, so ties broken by sequence and id happen often.
      date: isoDate(`2020-01-${String(10 + Math.floor(i / 2)).padStart(2, '0')}`),
      sequence: ((i % 2) * 10) as Release['sequence'],
    }
    const changes: Change[] = []
    const touched = new Set<string>()
    const visible = (e: string) =>
      introducedBy.has(e) && (!onScreen || introducedBy.get(e) === 'on-screen')
    const n = 1 + r.int(5)
    for (let k = 0; k < n; k++) {
      const roll = r.int(9)
      const fresh = entities.filter((e) => !introducedBy.has(e))
      const seen = entities.filter(visible)
      const claims = [...live.keys()].filter((c) => !touched.has(c))
      if (roll === 0 || seen.length === 0) {
        const e = fresh[0]
        if (e === undefined) continue
        introducedBy.set(e, onScreen ? 'on-screen' : 'secondary')
        changes.push({
          _tag: 'Introduced',
          entity: entityId(e),
          name: text(`Name ${e}`),
          ...(r.chance(0.5) ? { aliases: [text(`Alias ${e}`)] } : {}),
        })
        continue
      }
      if (roll === 1) {
        changes.push({
          _tag: 'Aliased',
          entity: entityId(r.pick(seen)),
          alias: text(`A${r.int(3)}`),
        })
        continue
      }
      if (roll <= 3 || claims.length === 0) {
        const id = `c${claimCount++}`
        const subject = r.pick(seen)
        const p = r.pick(predicates)
        live.set(id, { subject, predicate: p })
        touched.add(id)
        changes.push({
          _tag: 'Asserted',
          claim: claimId(id),
          subject: entityId(subject),
          predicate: predicate(p),
          value: value(),
          ...(r.chance(0.3) ? { quote: text('said so') } : {}),
        })
        continue
      }
      const c = r.pick(claims)
      touched.add(c)
      if (roll === 4) changes.push({ _tag: 'Confirmed', claim: claimId(c), note: text('again') })
      else if (roll <= 6) {
        const target = live.get(c)
        const others = claims.filter(
          (o) =>
            o !== c &&
            !touched.has(o) &&
            live.get(o)?.subject === target?.subject &&
            live.get(o)?.predicate === target?.predicate,
        )
        changes.push({
          _tag: 'Revised',
          claim: claimId(c),
          kind: r.pick(['revelation', 'retcon', 'refinement'] as const),
          value: value(),
          ...(others.length > 0 && r.chance(0.7) ? { settles: [claimId(r.pick(others))] } : {}),
        })
      } else if (roll === 7) {
        live.delete(c)
        changes.push({ _tag: 'Retracted', claim: claimId(c) })
      } else {
        const [a, b] = [r.pick(seen), r.pick(seen)]
        if (a !== b) changes.push({ _tag: 'Identified', entity: entityId(a), sameAs: entityId(b) })
      }
    }
    releases.push({ release, changes })
  }
  return appendShuffled(r, releases)
}

const appendShuffled = (
  r: Rng,
  releases: ReadonlyArray<{ release: Release; changes: Change[] }>,
): ReadonlyArray<Recorded> => {
  let pending = [...releases].sort(() => r.next() - 0.5)
  let state: LedgerState = foldState([])
  const out: Recorded[] = []
  let corrections = 0
  const tryCommand = (command: Command): void => {
    const decided = decide(command, state)
    if (E.isLeft(decided)) return
    for (const event of decided.right) {
      const recorded: Recorded = {
        position: state.nextPosition,
        recordedAt: `t${out.length}`,
        hash: '',
        prevHash: '',
        event,
      }
      state = evolve(state, recorded)
      out.push(recorded)
    }
  }
  for (let round = 0; round < 6 && pending.length > 0; round++) {
    const refused: typeof pending = []
    for (const p of pending) {
      const before = out.length
      tryCommand({ _tag: 'RecordRelease', release: p.release, changes: p.changes })
      if (out.length === before) refused.push(p)
      if (out.length > 0 && r.chance(0.25)) tryCommand(randomCorrection(r, releases, corrections++))
    }
    pending = refused
  }
  return out
}

const randomCorrection = (
  r: Rng,
  releases: ReadonlyArray<{ release: Release; changes: Change[] }>,
  n: number,
): Command => {
  const target = r.pick(releases)
  const id = correctionId(`fix-${n}`)
  const reason = text('a fix')
  const roll = r.int(4)
  const claim = target.changes.find(
    (c): c is Extract<Change, { claim: ClaimId }> & { _tag: 'Asserted' | 'Revised' } =>
      c._tag === 'Asserted' || c._tag === 'Revised',
  )
  const release = target.release.id
  const fix = (target: CorrectionTarget): Command => ({
    _tag: 'CorrectEntry',
    correction: { id, reason, target },
  })
  if (roll === 0) return fix({ _tag: 'ReleaseEntryWithdrawn', release })
  if (roll === 1 && claim !== undefined)
    return fix({
      _tag: 'ChangeEntryFixed',
      release,
      claim: claim.claim,
      set: { value: { _tag: 'Text', text: text(`fixed ${n}`) }, note: text('fixed') },
    })
  if (roll === 2)
    return fix({ _tag: 'ReleaseEntryFixed', release, set: { series: text(r.pick(seriesOf)) } })
  return fix({
    _tag: 'ReleaseEntryFixed',
    release,
    set: {
      date: isoDate(`2020-01-${String(10 + r.int(8)).padStart(2, '0')}`),
      sequence: (r.int(3) * 10) as never,
    },
  })
}

export const entityPool: ReadonlyArray<EntityId> = [
  'person/oh',
  'person/nedar',
  'event/mars-attack',
  'place/mars',
  'ship/a',
  'ship/b',
  'ship/never',
].map(entityId)
