import type { Change } from '../../../src/domain/change'
import type { Recorded } from '../../../src/domain/events'
import type { Release, SourceTier } from '../../../src/domain/release'
import type { Value } from '../../../src/domain/value'
import { canonicalJson } from '../../../src/domain/json'

/**
 * An independent, deliberately naive statement of what canon at a cut is, for property specs.
 * It shares no code with projections/: it re-reads the rules from DESIGN.md and the issue.
 * 1. Keep the events at positions <= the ledger cut.
 * 2. Apply each correction (in ledger order) to the entry it names; drop withdrawn entries.
 * 3. Keep the releases the release cut admits, in release order (date, sequence, id), and of
 *    those, the tiers the policy admits.
 * 4. Apply their changes in order.
 */
export type NaiveCut =
  | { readonly _tag: 'Latest' }
  | { readonly _tag: 'AsOfRelease'; readonly release: string }
  | { readonly _tag: 'AsOfDate'; readonly date: string }
  | { readonly _tag: 'Progress'; readonly watched: ReadonlyArray<string> }

interface Entry {
  release: Release
  changes: ReadonlyArray<Change>
  withdrawn: boolean
}

const onScreenKinds = new Set(['episode', 'film', 'short', 'special'])
export const naiveTier = (r: Release): SourceTier =>
  onScreenKinds.has(r.kind) ? 'on-screen' : (r.kind as SourceTier)

const before = (a: Release, b: Release): number =>
  a.date !== b.date
    ? a.date < b.date
      ? -1
      : 1
    : a.sequence !== b.sequence
      ? a.sequence - b.sequence
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0

/** The live entries at the ledger cut, corrected, in release order. */
export const naiveEntries = (recorded: ReadonlyArray<Recorded>, at?: bigint): Entry[] => {
  const entries = new Map<string, Entry>()
  for (const r of recorded) {
    if (at !== undefined && r.position > at) continue
    const e = r.event
    if (e._tag === 'ReleaseRecorded') {
      entries.set(e.release.id, { release: e.release, changes: e.changes, withdrawn: false })
    }
  }
  for (const r of recorded) {
    if (at !== undefined && r.position > at) continue
    const e = r.event
    if (e._tag !== 'EntryCorrected') continue
    const target = e.correction.target
    const entry = entries.get(target.release)
    if (entry === undefined) continue
    if (target._tag === 'ReleaseEntryWithdrawn') entry.withdrawn = true
    else if (target._tag === 'ReleaseEntryFixed')
      entry.release = { ...entry.release, ...target.set } as Release
    else
      entry.changes = entry.changes.map((c) =>
        'claim' in c && c.claim === target.claim ? { ...c, ...target.set } : c,
      )
  }
  return [...entries.values()]
    .filter((e) => !e.withdrawn)
    .sort((a, b) => before(a.release, b.release))
}

/** The entries a release cut admits, or undefined when it names a release not in the ledger. */
export const naiveAdmitted = (entries: Entry[], cut: NaiveCut): Entry[] | undefined => {
  const find = (id: string) => entries.find((e) => e.release.id === id)
  switch (cut._tag) {
    case 'Latest':
      return entries
    case 'AsOfDate':
      return entries.filter((e) => e.release.date <= cut.date)
    case 'AsOfRelease': {
      const limit = find(cut.release)
      return limit === undefined
        ? undefined
        : entries.filter((e) => before(e.release, limit.release) <= 0)
    }
    case 'Progress': {
      const watched = cut.watched.map(find)
      if (watched.some((w) => w === undefined)) return undefined
      const last = new Map<string, Release>()
      for (const w of watched as Entry[]) {
        const prev = last.get(w.release.series)
        if (prev === undefined || before(prev, w.release) < 0) last.set(w.release.series, w.release)
      }
      const overall = [...last.values()].sort(before).pop()
      return entries.filter((e) => {
        if (naiveTier(e.release) !== 'on-screen')
          return overall !== undefined && before(e.release, overall) <= 0
        const limit = last.get(e.release.series)
        return limit !== undefined && before(e.release, limit) <= 0
      })
    }
  }
}

export interface NaiveClaim {
  readonly id: string
  readonly subject: string
  readonly predicate: string
  value: Value
  tier: SourceTier
  status: 'live' | 'retracted' | 'settled'
}

export interface NaiveCanon {
  readonly entities: Map<string, { name: string; aliases: string[] }>
  /** sameAs -> the entity it is one with. */
  readonly merged: Map<string, string>
  readonly claims: Map<string, NaiveClaim>
}

/**
 * Folds the admitted entries under the admitted tiers. A revision of a claim this viewer never
 * saw asserted (its source is not admitted) is where the viewer learns it: it asserts the
 * claim with the subject and predicate of its assertion anywhere in the ledger cut.
 */
export const naiveFold = (
  all: Entry[],
  admitted: Entry[],
  tiers: ReadonlySet<SourceTier>,
): NaiveCanon => {
  const origin = new Map<string, { subject: string; predicate: string }>()
  for (const e of all)
    for (const c of e.changes)
      if (c._tag === 'Asserted') origin.set(c.claim, { subject: c.subject, predicate: c.predicate })
  const canon: NaiveCanon = { entities: new Map(), merged: new Map(), claims: new Map() }
  for (const e of admitted) {
    const tier = naiveTier(e.release)
    if (!tiers.has(tier)) continue
    for (const c of e.changes) {
      if (c._tag === 'Introduced')
        canon.entities.set(c.entity, { name: c.name, aliases: [...(c.aliases ?? [])] })
      else if (c._tag === 'Aliased') {
        const ent = canon.entities.get(c.entity)
        if (ent !== undefined && !ent.aliases.includes(c.alias))
          canon.entities.set(c.entity, { ...ent, aliases: [...ent.aliases, c.alias] })
      } else if (c._tag === 'Identified') {
        if (canon.entities.has(c.entity) && canon.entities.has(c.sameAs))
          canon.merged.set(c.sameAs, c.entity)
      } else if (c._tag === 'Asserted')
        canon.claims.set(c.claim, {
          id: c.claim,
          subject: c.subject,
          predicate: c.predicate,
          value: c.value,
          tier,
          status: 'live',
        })
      else if (c._tag === 'Revised') {
        const claim = canon.claims.get(c.claim)
        const o = origin.get(c.claim)
        if (claim !== undefined) {
          claim.value = c.value
          claim.tier = tier
          claim.status = 'live'
        } else if (o !== undefined)
          canon.claims.set(c.claim, { id: c.claim, ...o, value: c.value, tier, status: 'live' })
        for (const s of c.settles ?? []) {
          const other = canon.claims.get(s)
          if (other !== undefined && other.status === 'live') other.status = 'settled'
        }
      } else if (c._tag === 'Retracted') {
        const claim = canon.claims.get(c.claim)
        if (claim !== undefined) claim.status = 'retracted'
      }
    }
  }
  return canon
}

export const naiveRoot = (canon: NaiveCanon, id: string): string => {
  let cur = id
  while (canon.merged.has(cur)) cur = canon.merged.get(cur) as string
  return cur
}

export interface NaiveEntityAnswer {
  readonly id: string
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  readonly facts: ReadonlyArray<{
    readonly predicate: string
    readonly status: 'settled' | 'conflict'
    readonly claims: ReadonlyArray<{
      readonly claim: string
      readonly value: string
      readonly tier: string
    }>
  }>
}

/** What an entity answer must say, in a comparable form (claims by id; values as canonical JSON). */
export const naiveEntity = (canon: NaiveCanon, id: string): NaiveEntityAnswer | undefined => {
  if (!canon.entities.has(id)) return undefined
  const root = naiveRoot(canon, id)
  const entity = canon.entities.get(root)
  if (entity === undefined) return undefined
  const group = [...canon.entities.keys()].filter((e) => naiveRoot(canon, e) === root)
  const names = new Set([
    ...entity.aliases,
    ...group
      .filter((e) => e !== root)
      .flatMap((e) => {
        const other = canon.entities.get(e)
        return other === undefined ? [] : [other.name, ...other.aliases]
      }),
  ])
  names.delete(entity.name)
  const predicates = new Map<string, NaiveClaim[]>()
  for (const c of canon.claims.values())
    if (c.status === 'live' && group.includes(c.subject))
      predicates.set(c.predicate, [...(predicates.get(c.predicate) ?? []), c])
  return {
    id: root,
    name: entity.name,
    aliases: [...names].sort(),
    facts: [...predicates.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([predicate, claims]) => {
        const best = claims.some((c) => c.tier === 'on-screen')
          ? claims.filter((c) => c.tier === 'on-screen')
          : claims
        const values = new Set(best.map((c) => canonicalJson(c.value)))
        return {
          predicate,
          status: values.size > 1 ? ('conflict' as const) : ('settled' as const),
          claims: claims
            .map((c) => ({ claim: c.id, value: canonicalJson(c.value), tier: c.tier }))
            .sort((a, b) => (a.claim < b.claim ? -1 : 1)),
        }
      }),
  }
}
