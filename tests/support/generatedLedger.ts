import type * as t from 'io-ts'
import * as E from 'fp-ts/Either'
import type { Account, Change, RevisionKind } from '../../src/domain/change'
import type { Command } from '../../src/domain/commands'
import type { CorrectionTarget } from '../../src/domain/correction'
import { decide } from '../../src/domain/decide'
import type { Recorded } from '../../src/domain/events'
import type { ClaimId, EntityId, ReleaseId } from '../../src/domain/ids'
import { claimId, correctionId, entityId, predicate, releaseId, text } from '../../src/domain/ids'
import { isoDate } from '../../src/domain/calendarDate'
import type { Release, ReleaseKind } from '../../src/domain/release'
import { tierOf } from '../../src/domain/release'
import type { Value } from '../../src/domain/value'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import type { CalendarDeclaration } from '../../src/domain/calendar'
import { calendarId, eraLabel } from '../../src/domain/calendar'
import type { LedgerState } from '../../src/domain/state'
import { emptyState, evolve } from '../../src/domain/state'
import type { Rng } from '../../bench/rng'
import { rng } from '../../bench/rng'

/**
 * Generated ledgers for the reader contract and the spoiler-safety property. A universe is
 * written in RELEASE order (each release may use only what earlier ones introduced, tiers
 * respected), then appended in a shuffled order through the real `decide` (a refused release
 * is retried after others land; one still refused is dropped), with corrections of every kind
 * tried in between. So every ledger is one the append path could hold: backfills, releases of
 * one day, withdrawals, moved dates, appearances, identifications, conflicts and settlements.
 *
 * Every name, alias, title and text value carries a unique token `~n`, so a spec can tell which
 * release brought a string in.
 */
export interface GeneratedLedger {
  readonly recorded: ReadonlyArray<Recorded>
  /** Every release id written (some may have been refused or withdrawn). */
  readonly releases: ReadonlyArray<ReleaseId>
  readonly entities: ReadonlyArray<EntityId>
  readonly claims: ReadonlyArray<ClaimId>
  /** Names and aliases written, for lookups by name. */
  readonly names: ReadonlyArray<string>
  readonly series: ReadonlyArray<string>
  readonly regions: ReadonlyArray<string>
}

interface SeriesPlan {
  readonly name: string
  readonly kinds: ReadonlyArray<ReleaseKind>
}

const seriesPlans: ReadonlyArray<SeriesPlan> = [
  { name: 'Alpha', kinds: ['episode'] },
  { name: 'Beta', kinds: ['episode', 'short'] },
  { name: 'Films', kinds: ['film'] },
  { name: 'Press', kinds: ['interview', 'article', 'production'] },
  { name: 'Novels', kinds: ['novel'] },
]
const predicates = ['p', 'q', 'when']
const regions = ['Norway', 'Chile']
const revisionKinds: ReadonlyArray<RevisionKind> = ['revelation', 'retcon', 'refinement']

/** The calendars half of the generated universes declare: Gregorian years and BBY/ABY. */
const calendars: ReadonlyArray<CalendarDeclaration> = [
  { id: calendarId('gregorian'), name: text('Gregorian calendar'), kind: 'gregorian' },
  {
    id: calendarId('galactic'),
    name: text('Galactic Standard Calendar'),
    kind: 'era',
    yearZero: true,
    eras: [
      { label: eraLabel('BBY'), counts: 'down' },
      { label: eraLabel('ABY'), counts: 'up' },
    ],
  },
]

interface Draft {
  readonly release: Release
  readonly changes: Change[]
}

interface Known {
  /** Entities by how an on-screen release may use them. */
  readonly entities: Map<string, { onScreen: boolean }>
  readonly claims: Map<string, { subject: string; predicate: string; retracted: boolean }>
  readonly roots: Map<string, string>
}

const rootOf = (known: Known, e: string): string => {
  let current = e
  for (let i = 0; i < 64 && known.roots.has(current); i++)
    current = known.roots.get(current) ?? current
  return current
}

const draftReleases = (
  r: Rng,
  size: number,
  token: () => string,
  eras: boolean,
): ReadonlyArray<Draft> => {
  const known: Known = { entities: new Map(), claims: new Map(), roots: new Map() }
  const episodes = new Map<string, number>()
  const drafts: Draft[] = []
  // Release order first: days (with ties), then the day's tie-break.
  const slots = Array.from({ length: size }, (_, i) => ({
    i,
    day: 1 + r.int(Math.max(2, Math.ceil(size / 2))),
    seq: r.int(3) * 10,
  })).sort((a, b) => a.day - b.day || a.seq - b.seq || a.i - b.i)
  for (const slot of slots) {
    const plan = r.pick(seriesPlans)
    const kind = r.pick(plan.kinds)
    const episode = (episodes.get(plan.name) ?? 0) + 1
    episodes.set(plan.name, episode)
    const onScreen = tierOf(kind) === 'on-screen'
    const id = releaseId(`r${String(slot.i).padStart(2, '0')}`)
    const release: Release = {
      id,
      title: text(`Title${token()}`),
      series: text(plan.name),
      kind,
      date: isoDate(`2020-01-${String(slot.day).padStart(2, '0')}`),
      sequence: slot.seq as Release['sequence'],
      ...(plan.kinds[0] === 'episode' ? { season: 1 as never, episode: episode as never } : {}),
      ...(r.chance(0.3)
        ? {
            regionalDates: [
              {
                region: text(r.pick(regions)),
                date: isoDate(`2020-01-${String(1 + r.int(size + 2)).padStart(2, '0')}`),
              },
            ],
          }
        : {}),
    }
    drafts.push({ release, changes: draftChanges(r, known, onScreen, token, eras) })
  }
  return drafts
}

const draftChanges = (
  r: Rng,
  known: Known,
  onScreen: boolean,
  token: () => string,
  eras: boolean,
): Change[] => {
  const changes: Change[] = []
  const touched = new Set<string>()
  const shown = new Set<string>()
  const visible = () =>
    [...known.entities.entries()]
      .filter(([e, k]) => !onScreen || k.onScreen || shown.has(e))
      .map(([e]) => e)
  /** A Gregorian year, or (in a universe with the era calendar) a year BBY or ABY, zero too. */
  const time = (): InUniverseTime =>
    eras && r.chance(0.5)
      ? { _tag: 'Era', era: eraLabel(r.pick(['BBY', 'ABY'])), year: r.int(40) as t.Int }
      : { _tag: 'Calendar', year: (2380 + r.int(8)) as t.Int }
  const value = (): Value => {
    const roll = r.int(4)
    const seen = visible()
    if (roll === 0 && seen.length > 0) return { _tag: 'EntityRef', entity: entityId(r.pick(seen)) }
    if (roll === 1) return { _tag: 'Quantity', amount: 1000 + r.int(3), qualifier: 'exact' }
    if (roll === 2) return { _tag: 'Time', time: time() }
    return { _tag: 'Text', text: text(`V${token()}`) }
  }
  /** Sometimes a character's account: one or two speakers the release can name. */
  const account = (): { readonly account?: Account } => {
    const seen = visible()
    if (seen.length === 0 || !r.chance(0.25)) return {}
    const by = [...new Set([r.pick(seen), ...(r.chance(0.3) ? [r.pick(seen)] : [])])]
    return { account: { by: by.map(entityId), as: r.chance(0.7) ? 'said' : 'believed' } }
  }
  const n = 1 + r.int(5)
  for (let k = 0; k < n; k++) {
    const seen = visible()
    const actionable = [...known.claims.entries()].filter(
      ([c, info]) => !info.retracted && !touched.has(c),
    )
    const roll = seen.length === 0 ? 0 : r.int(13)
    if (roll === 0) {
      const e = `thing/e${token().slice(1)}`
      known.entities.set(e, { onScreen })
      shown.add(e)
      changes.push({
        _tag: 'Introduced',
        entity: entityId(e),
        name: text(`N${token()}`),
        ...(r.chance(0.4) ? { aliases: [text(`A${token()}`)] } : {}),
      })
    } else if (roll === 1) {
      // An appearance: any entity introduced before (an on-screen one brings it on screen).
      const candidates = [...known.entities.keys()].filter((e) => !shown.has(e))
      if (candidates.length === 0) continue
      const e = r.pick(candidates)
      shown.add(e)
      changes.push({
        _tag: 'Appeared',
        entity: entityId(e),
        name: text(`S${token()}`),
        ...(r.chance(0.3) ? { aliases: [text(`B${token()}`)] } : {}),
      })
    } else if (roll === 2) {
      changes.push({ _tag: 'Aliased', entity: entityId(r.pick(seen)), alias: text(`L${token()}`) })
    } else if (roll <= 5 || actionable.length === 0) {
      const c = `c${token().slice(1)}`
      const subject = r.pick(seen)
      const p = r.pick(predicates)
      known.claims.set(c, { subject, predicate: p, retracted: false })
      touched.add(c)
      changes.push({
        _tag: 'Asserted',
        claim: claimId(c),
        subject: entityId(subject),
        predicate: predicate(p),
        value: value(),
        ...(r.chance(0.3) ? { valid: { from: time() } } : {}),
        ...(r.chance(0.2) ? { quote: text(`Q${token()}`) } : {}),
        ...account(),
      })
    } else {
      const [c, info] = r.pick(actionable)
      touched.add(c)
      if (roll === 6) changes.push({ _tag: 'Confirmed', claim: claimId(c), ...account() })
      else if (roll >= 11) {
        // A change in the story: a new value, or (sometimes) the fact ends; dated or not.
        const ends = r.chance(0.3)
        changes.push({
          _tag: 'StoryChanged',
          claim: claimId(c),
          ...(ends ? {} : { value: value() }),
          ...(r.chance(0.6) ? { from: time() } : {}),
          ...(r.chance(0.3) ? { when: text(`W${token()}`) } : {}),
          ...account(),
        })
      } else if (roll <= 8) {
        const rivals = actionable.filter(
          ([o, i]) =>
            o !== c &&
            !touched.has(o) &&
            i.subject === info.subject &&
            i.predicate === info.predicate,
        )
        const settled = rivals.length > 0 && r.chance(0.6) ? r.pick(rivals)[0] : undefined
        if (settled !== undefined) touched.add(settled)
        changes.push({
          _tag: 'Revised',
          claim: claimId(c),
          kind: r.pick(revisionKinds),
          value: value(),
          ...(settled === undefined ? {} : { settles: [claimId(settled)] }),
          ...account(),
        })
      } else if (roll === 9) {
        info.retracted = true
        changes.push({ _tag: 'Retracted', claim: claimId(c) })
      } else {
        const [a, b] = [r.pick(seen), r.pick(seen)]
        if (rootOf(known, a) !== rootOf(known, b) && !known.roots.has(b)) {
          known.roots.set(b, a)
          changes.push({ _tag: 'Identified', entity: entityId(a), sameAs: entityId(b) })
        }
      }
    }
  }
  return changes
}

const correctionOf = (
  r: Rng,
  drafts: ReadonlyArray<Draft>,
  n: number,
  token: () => string,
): Command => {
  const target = r.pick(drafts)
  const release = target.release.id
  const valued = target.changes.find(
    (c): c is Extract<Change, { _tag: 'Asserted' | 'Revised' }> =>
      c._tag === 'Asserted' || c._tag === 'Revised',
  )
  const fix = (t: CorrectionTarget): Command => ({
    _tag: 'CorrectEntry',
    correction: { id: correctionId(`fix-${n}`), reason: text(`Reason${token()}`), target: t },
  })
  const roll = r.int(5)
  if (roll === 0) return fix({ _tag: 'ReleaseEntryWithdrawn', release })
  if (roll === 1 && valued !== undefined)
    return fix({
      _tag: 'ChangeEntryFixed',
      release,
      claim: valued.claim,
      set: { value: { _tag: 'Text', text: text(`F${token()}`) } },
    })
  if (roll === 2)
    return fix({ _tag: 'ReleaseEntryFixed', release, set: { title: text(`T${token()}`) } })
  if (roll === 3)
    return fix({
      _tag: 'ReleaseEntryFixed',
      release,
      set: { series: text(r.pick(seriesPlans).name) },
    })
  return fix({
    _tag: 'ReleaseEntryFixed',
    release,
    set: {
      date: isoDate(`2020-01-${String(1 + r.int(8)).padStart(2, '0')}`),
      sequence: (r.int(3) * 10) as never,
    },
  })
}

/**
 * Appends the drafts in a shuffled order through `decide`, with corrections tried in between;
 * the universe's calendars, if it declares any, first.
 */
const append = (
  r: Rng,
  drafts: ReadonlyArray<Draft>,
  token: () => string,
  eras: boolean,
): ReadonlyArray<Recorded> => {
  let state: LedgerState = emptyState()
  const out: Recorded[] = []
  const tryCommand = (command: Command): boolean => {
    const decided = decide(command, state)
    if (E.isLeft(decided)) return false
    for (const event of decided.right) {
      const i = out.length
      const recorded: Recorded = {
        position: BigInt(i),
        recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        hash: `h${i}`,
        prevHash: i === 0 ? 'genesis' : `h${i - 1}`,
        event,
      }
      state = evolve(state, recorded)
      out.push(recorded)
    }
    return decided.right.length > 0
  }
  if (eras) for (const calendar of calendars) tryCommand({ _tag: 'DeclareCalendar', calendar })
  let pending = [...drafts].sort(() => r.next() - 0.5)
  let corrections = 0
  for (let round = 0; round < 5 && pending.length > 0; round++) {
    const refused: Draft[] = []
    for (const d of pending) {
      if (!tryCommand({ _tag: 'RecordRelease', release: d.release, changes: d.changes }))
        refused.push(d)
      if (out.length > 0 && r.chance(0.2)) tryCommand(correctionOf(r, drafts, corrections++, token))
    }
    pending = refused
  }
  return out
}

export const generatedLedger = (seed: number, size = 12): GeneratedLedger => {
  const r = rng(seed)
  let n = 0
  const token = () => `~${n++}`
  const eras = r.chance(0.5)
  const drafts = draftReleases(r, size, token, eras)
  const recorded = append(r, drafts, token, eras)
  const changes = drafts.flatMap((d) => d.changes)
  return {
    recorded,
    releases: drafts.map((d) => d.release.id),
    entities: [...new Set(changes.flatMap((c) => (c._tag === 'Introduced' ? [c.entity] : [])))],
    claims: [...new Set(changes.flatMap((c) => (c._tag === 'Asserted' ? [c.claim] : [])))],
    names: [
      ...new Set(
        changes.flatMap((c) =>
          c._tag === 'Introduced' || c._tag === 'Appeared'
            ? [c.name, ...(c.aliases ?? [])]
            : c._tag === 'Aliased'
              ? [c.alias]
              : [],
        ),
      ),
    ],
    series: seriesPlans.map((s) => s.name),
    regions,
  }
}
