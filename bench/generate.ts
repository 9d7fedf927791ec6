import type { Change, RevisionKind } from '../src/domain/change'
import type { Command } from '../src/domain/commands'
import type { ClaimId, EntityId, Predicate } from '../src/domain/ids'
import { claimId, correctionId, entityId, predicate, releaseId, text } from '../src/domain/ids'
import { isoDate } from '../src/domain/calendarDate'
import type { Release, ReleaseKind } from '../src/domain/release'
import type { Value } from '../src/domain/value'
import { rng } from './rng'
import type { CorrectionTarget } from '../src/domain/correction'

/**
 * A deterministic synthetic universe for the benchmark. About 100 asserted claims per release
 * (so --claims 1000000 gives 10,000 releases) over claims/20 entities, with confirmations,
 * revisions of every kind (some settling a conflicting claim), retractions, aliases,
 * identifications, and corrections (value fixes, title fixes, date moves, withdrawals).
 *
 * A third of the releases are appended late (out of release order). They are written so that
 * no release appended before them depends on them: they assert claims nobody later touches,
 * and confirm or revise claims of earlier releases. So every command is one the real `decide`
 * accepts, whatever its append position; the bench still counts refusals if any occur.
 */
export interface Universe {
  readonly commands: ReadonlyArray<Command>
  readonly releases: ReadonlyArray<Release>
  readonly entities: ReadonlyArray<EntityId>
  readonly claims: number
  readonly changes: number
  readonly deferred: number
  readonly corrections: number
}

const rngOf = rng

const secondaryKinds: ReadonlyArray<ReleaseKind> = ['interview', 'article', 'production', 'tie-in']
const revisionKinds: ReadonlyArray<RevisionKind> = [
  'revelation',
  'retcon',
  'refinement',
  'expansion',
  'reattribution',
]
const predicates = Array.from({ length: 20 }, (_, i) => predicate(`p${i}`))

const dateOf = (day: number): string => {
  const d = new Date(Date.UTC(2000, 0, 1) + day * 86_400_000)
  return d.toISOString().slice(0, 10)
}

export const generateUniverse = (claimsTarget: number, seed = 42): Universe => {
  const r = rngOf(seed)
  const releaseCount = Math.max(10, Math.round(claimsTarget / 100))
  const perRelease = Math.round(claimsTarget / releaseCount)
  const entityCount = Math.max(20, Math.round(claimsTarget / 20))
  const entities: EntityId[] = []
  const releases: Release[] = []
  const planned: Array<{ release: Release; changes: Change[]; deferred: boolean }> = []
  // Claims of releases appended in order, still actionable: others may confirm, revise, retract.
  const pool: Array<{ id: ClaimId; subject: EntityId; p: number; retracted: boolean }> = []
  const lastOfFact = new Map<string, number>()
  const identified = new Set<EntityId>()
  let claimCount = 0
  let changeCount = 0
  for (let i = 0; i < releaseCount; i++) {
    const secondary = r.next() < 0.15
    const deferred = i > 10 && r.next() < 1 / 3
    const kind: ReleaseKind = secondary
      ? (secondaryKinds[r.int(secondaryKinds.length)] as ReleaseKind)
      : 'episode'
    const release: Release = {
      id: releaseId(`rel-${i}`),
      title: text(`Release ${i}`),
      series: text(`Series ${i % 20}`),
      kind,
      date: isoDate(dateOf(Math.floor(i / 3))),
      sequence: ((i % 3) * 10) as Release['sequence'],
    }
    releases.push(release)
    const changes: Change[] = []
    const touched = new Set<number>()
    // Claims asserted here join the pool after this release: none may act on them within it.
    const fresh: Array<(typeof pool)[number]> = []
    // Entities: all introduced by on-screen releases appended in order, over the first 60%.
    if (!secondary && !deferred) {
      const due = Math.min(entityCount, Math.ceil(((i + 1) * entityCount) / (releaseCount * 0.45)))
      while (entities.length < due || entities.length === 0) {
        const e = entityId(`thing/e${entities.length}`)
        entities.push(e)
        changes.push({ _tag: 'Introduced', entity: e, name: text(`Entity ${entities.length - 1}`) })
      }
    }
    const anyEntity = (): EntityId => entities[r.int(entities.length)] as EntityId
    const value = (): Value =>
      r.next() < 0.6
        ? {
            _tag: 'Quantity',
            amount: r.int(100_000),
            qualifier: r.next() < 0.5 ? 'exact' : 'at-least',
          }
        : r.next() < 0.5
          ? { _tag: 'Text', text: text(`text ${r.int(1000)}`) }
          : { _tag: 'EntityRef', entity: anyEntity() }
    for (let k = 0; k < perRelease; k++) {
      const id = claimId(`c${claimCount++}`)
      const subject = anyEntity()
      const p = r.int(predicates.length)
      changes.push({
        _tag: 'Asserted',
        claim: id,
        subject,
        predicate: predicates[p] as Predicate,
        value: value(),
        ...(r.next() < 0.2 ? { quote: text('as said on screen') } : {}),
      })
      if (!deferred) fresh.push({ id, subject, p, retracted: false })
    }
    const pickLive = (): number | undefined => {
      for (let tries = 0; tries < 4 && pool.length > 0; tries++) {
        const n = r.int(pool.length)
        const c = pool[n]
        if (c !== undefined && !c.retracted && !touched.has(n)) return n
      }
      return undefined
    }
    const extra = Math.round(perRelease / 4)
    for (let k = 0; k < extra; k++) {
      const roll = r.int(20)
      if (roll === 0) {
        changes.push({ _tag: 'Aliased', entity: anyEntity(), alias: text(`Alias ${r.int(1000)}`) })
        continue
      }
      if (roll === 1 && !deferred && !secondary && r.next() < 0.2) {
        const [a, b] = [anyEntity(), anyEntity()]
        if (a !== b && !identified.has(b) && !identified.has(a)) {
          identified.add(b)
          changes.push({ _tag: 'Identified', entity: a, sameAs: b })
        }
        continue
      }
      const n = pickLive()
      if (n === undefined) continue
      const c = pool[n] as (typeof pool)[number]
      touched.add(n)
      if (roll < 9) changes.push({ _tag: 'Confirmed', claim: c.id })
      else if (roll < 18 || deferred) {
        const other = lastOfFact.get(`${c.subject} ${c.p}`)
        const settles =
          other !== undefined && other !== n && !touched.has(other) && !pool[other]?.retracted
            ? pool[other]
            : undefined
        if (settles !== undefined) touched.add(other as number)
        changes.push({
          _tag: 'Revised',
          claim: c.id,
          kind: revisionKinds[r.int(revisionKinds.length)] as RevisionKind,
          value: value(),
          ...(settles !== undefined && r.next() < 0.5 ? { settles: [settles.id] } : {}),
        })
      } else {
        c.retracted = true
        changes.push({ _tag: 'Retracted', claim: c.id })
      }
    }
    for (const c of fresh) {
      lastOfFact.set(`${c.subject} ${c.p}`, pool.length)
      pool.push(c)
    }
    changeCount += changes.length
    planned.push({ release, changes, deferred })
  }
  return {
    ...appendOrder(r, planned),
    releases,
    entities,
    claims: claimCount,
    changes: changeCount,
  }
}

/** Release order, with deferred releases appended 1 to 300 releases late; corrections between. */
const appendOrder = (
  r: ReturnType<typeof rngOf>,
  planned: ReadonlyArray<{ release: Release; changes: Change[]; deferred: boolean }>,
): Pick<Universe, 'commands' | 'deferred' | 'corrections'> => {
  const commands: Command[] = []
  const later = new Map<number, Array<(typeof planned)[number]>>()
  const appended: Array<(typeof planned)[number]> = []
  const correctionEvery = Math.max(10, Math.min(500, Math.floor(planned.length / 20)))
  let corrections = 0
  let deferred = 0
  const record = (p: (typeof planned)[number]) => {
    commands.push({ _tag: 'RecordRelease', release: p.release, changes: p.changes })
    appended.push(p)
  }
  planned.forEach((p, i) => {
    if (p.deferred) {
      deferred += 1
      const at = i + 1 + r.int(300)
      later.set(at, [...(later.get(at) ?? []), p])
    } else record(p)
    for (const d of later.get(i) ?? []) record(d)
    later.delete(i)
    if (i > 0 && i % correctionEvery === 0) {
      commands.push(correctionOf(r, appended, corrections))
      corrections += 1
    }
  })
  for (const list of later.values()) for (const d of list) record(d)
  return { commands, deferred, corrections }
}

const correctionOf = (
  r: ReturnType<typeof rngOf>,
  appended: ReadonlyArray<{ release: Release; changes: Change[]; deferred: boolean }>,
  n: number,
): Command => {
  const reason = text('bench correction')
  const id = correctionId(`fix-${n}`)
  const lateOnes = appended.filter((p) => p.deferred)
  // Half the corrections fix a release that was appended late, when one is there yet.
  const from = n % 4 >= 2 && lateOnes.length > 0 ? lateOnes : appended
  const target = from[r.int(from.length)]
  if (target === undefined) throw new Error('no release to correct')
  const release = target.release.id
  const fix = (target: CorrectionTarget): Command => ({
    _tag: 'CorrectEntry',
    correction: { id, reason, target },
  })
  const retitle = fix({ _tag: 'ReleaseEntryFixed', release, set: { title: text(`Fixed ${n}`) } })
  switch (n % 4) {
    case 0: {
      const change = target.changes.find((c) => c._tag === 'Asserted')
      return change?._tag === 'Asserted'
        ? fix({
            _tag: 'ChangeEntryFixed',
            release,
            claim: change.claim,
            set: { value: { _tag: 'Quantity', amount: 42, qualifier: 'about' } },
          })
        : retitle
    }
    case 1:
      return retitle
    case 2:
      return fix({
        _tag: 'ReleaseEntryFixed',
        release,
        set: { sequence: (target.release.sequence + 5) as never },
      })
    default:
      return fix({ _tag: 'ReleaseEntryWithdrawn', release })
  }
}
