import fc from 'fast-check'
import type { Change, RevisionKind } from '../../../src/domain/change'
import type { Correction } from '../../../src/domain/correction'
import type { LedgerEvent, Recorded } from '../../../src/domain/events'
import type { Release, ReleaseKind } from '../../../src/domain/release'
import { tierOf } from '../../../src/domain/release'
import type { Value } from '../../../src/domain/value'
import { isoDate } from '../../../src/domain/calendarDate'
import {
  claimId,
  correctionId,
  entityId,
  predicate,
  releaseId,
  text,
} from '../../../src/domain/ids'
import type * as t from 'io-ts'

/**
 * Random universes for property specs. A plan of abstract choices is drawn by fast-check; it
 * is turned, in RELEASE order, into releases whose changes each only use what earlier releases
 * introduced (tiers respected, as `decide` demands); then the events are recorded in a random
 * APPEND order, with corrections (in their own order) placed anywhere after their target. Every id, name, alias,
 * title and text value carries a unique token (`q<n>q`), so a spec can tell exactly which
 * release brought a string into the world.
 */
export interface Universe {
  readonly recorded: ReadonlyArray<Recorded>
  readonly releases: ReadonlyArray<Release>
  /** Each token and the event that brought it (a release id or a correction id). */
  readonly tokens: ReadonlyMap<string, string>
}

const op = fc.record({
  op: fc.integer({ min: 0, max: 8 }),
  a: fc.nat({ max: 50 }),
  b: fc.nat({ max: 50 }),
  v: fc.nat({ max: 50 }),
})
const releasePlan = fc.record({
  day: fc.integer({ min: 1, max: 4 }),
  seq: fc.integer({ min: 0, max: 2 }),
  kind: fc.integer({ min: 0, max: 5 }),
  series: fc.integer({ min: 0, max: 2 }),
  ops: fc.array(op, { minLength: 1, maxLength: 5 }),
})
const correctionPlan = fc.record({
  target: fc.nat({ max: 50 }),
  kind: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: 1, max: 4 }),
  seq: fc.integer({ min: 0, max: 2 }),
})

export const universePlan = fc.record({
  releases: fc.array(releasePlan, { minLength: 1, maxLength: 8 }),
  corrections: fc.array(correctionPlan, { maxLength: 3 }),
  order: fc.array(fc.nat({ max: 1000 }), { minLength: 12, maxLength: 12 }),
})
export type UniversePlan = typeof universePlan extends fc.Arbitrary<infer P> ? P : never

const kinds: ReadonlyArray<ReleaseKind> = [
  'episode',
  'episode',
  'short',
  'film',
  'article',
  'interview',
]
const series = ['Alpha', 'Beta', 'Gamma']
const predicates = ['p', 'q']
const revisionKinds: ReadonlyArray<RevisionKind> = ['revelation', 'retcon', 'refinement']

const pick = <A>(xs: ReadonlyArray<A>, n: number): A | undefined =>
  xs.length === 0 ? undefined : xs[n % xs.length]

interface ClaimInfo {
  readonly subject: string
  readonly predicate: string
  retracted: boolean
}

export const buildUniverse = (plan: UniversePlan): Universe => {
  let token = 0
  const tokens = new Map<string, string>()
  const fresh = (prefix: string, owner: string): string => {
    const s = `${prefix}q${token++}q`
    tokens.set(s, owner)
    return s
  }
  // Release order is decided first (date, sequence, index as id order), then changes are drawn
  // in that order so each only uses what came before it.
  const drafts = plan.releases
    .map((p, i) => ({ p, id: `r${String(i).padStart(2, '0')}q` }))
    .sort(
      (x, y) => x.p.day - y.p.day || x.p.seq - y.p.seq || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    )
  const entities = new Map<string, 'on-screen' | 'secondary'>()
  const identified = new Set<string>()
  const roots = new Map<string, string>()
  const rootOf = (e: string): string => {
    let cur = e
    while (roots.has(cur)) cur = roots.get(cur) as string
    return cur
  }
  const claims = new Map<string, ClaimInfo>()
  const events: Array<{ event: LedgerEvent; release: number }> = []
  const releases: Release[] = []
  drafts.forEach(({ p, id }, index) => {
    const kind = kinds[p.kind % kinds.length] as ReleaseKind
    const onScreen = tierOf(kind) === 'on-screen'
    const rid = releaseId(id)
    tokens.set(id, id)
    const release: Release = {
      id: rid,
      title: text(fresh('T', id)),
      series: text(series[p.series % series.length] as string),
      kind,
      date: isoDate(`2020-01-0${p.day}`),
      sequence: (p.seq * 10) as Release['sequence'],
    }
    const visible = [...entities.entries()]
      .filter(([, tier]) => !onScreen || tier === 'on-screen')
      .map(([e]) => e)
    const touched = new Set<string>()
    const changes: Change[] = []
    const valueOf = (v: number): Value =>
      v % 3 === 0
        ? { _tag: 'Text', text: text(fresh('V', id)) }
        : v % 3 === 1 && visible.length > 0
          ? { _tag: 'EntityRef', entity: entityId(pick(visible, v) as string) }
          : {
              _tag: 'Quantity',
              amount: 1000 + (v % 4),
              qualifier: v % 2 === 0 ? 'exact' : 'at-least',
            }
    for (const o of p.ops) {
      const actionable = [...claims.entries()].filter(
        ([c, info]) => !info.retracted && !touched.has(c),
      )
      if (o.op === 0 || visible.length === 0) {
        const e = fresh('thing/e', id)
        entities.set(e, onScreen ? 'on-screen' : 'secondary')
        changes.push({
          _tag: 'Introduced',
          entity: entityId(e),
          name: text(fresh('N', id)),
          ...(o.v % 2 === 0 ? { aliases: [text(fresh('A', id))] } : {}),
        })
      } else if (o.op === 1) {
        changes.push({
          _tag: 'Aliased',
          entity: entityId(pick(visible, o.a) as string),
          alias: text(fresh('L', id)),
        })
      } else if (o.op <= 3 || actionable.length === 0) {
        const c = `c${token++}`
        const subject = pick(visible, o.a) as string
        const pr = pick(predicates, o.b) as string
        claims.set(c, { subject, predicate: pr, retracted: false })
        touched.add(c)
        changes.push({
          _tag: 'Asserted',
          claim: claimId(c),
          subject: entityId(subject),
          predicate: predicate(pr),
          value: valueOf(o.v),
        })
      } else {
        const [c, info] = pick(actionable, o.a) as [string, ClaimInfo]
        touched.add(c)
        if (o.op === 4) changes.push({ _tag: 'Confirmed', claim: claimId(c) })
        else if (o.op <= 6) {
          const rivals = actionable.filter(
            ([other, i]) =>
              other !== c && i.subject === info.subject && i.predicate === info.predicate,
          )
          const settled = o.b % 2 === 0 ? pick(rivals, o.b) : undefined
          if (settled !== undefined) touched.add(settled[0])
          changes.push({
            _tag: 'Revised',
            claim: claimId(c),
            kind: pick(revisionKinds, o.b) as RevisionKind,
            value: valueOf(o.v),
            ...(settled === undefined ? {} : { settles: [claimId(settled[0])] }),
          })
        } else if (o.op === 7) {
          info.retracted = true
          changes.push({ _tag: 'Retracted', claim: claimId(c) })
        } else {
          const a = pick(visible, o.a) as string
          const b = pick(visible, o.b) as string
          if (rootOf(a) !== rootOf(b) && !identified.has(b) && rootOf(b) === b) {
            identified.add(b)
            roots.set(b, a)
            changes.push({ _tag: 'Identified', entity: entityId(a), sameAs: entityId(b) })
          }
        }
      }
    }
    releases.push(release)
    events.push({ event: { _tag: 'ReleaseRecorded', release, changes }, release: index })
  })
  plan.corrections.forEach((c, n) => {
    const targetIndex = c.target % releases.length
    const target = events[targetIndex]?.event
    if (target === undefined || target._tag !== 'ReleaseRecorded') return
    const cid = `fix${n}q`
    const base = { id: correctionId(cid), reason: text('a fix') }
    const valued = target.changes.find((ch) => ch._tag === 'Asserted' || ch._tag === 'Revised')
    const correction: Correction =
      c.kind === 0 && valued !== undefined && 'claim' in valued
        ? {
            ...base,
            target: {
              _tag: 'ChangeEntryFixed',
              release: target.release.id,
              claim: valued.claim,
              set: { value: { _tag: 'Text', text: text(fresh('F', cid)) } },
            },
          }
        : c.kind === 1
          ? { ...base, target: { _tag: 'ReleaseEntryWithdrawn', release: target.release.id } }
          : {
              ...base,
              target: {
                _tag: 'ReleaseEntryFixed',
                release: target.release.id,
                set: { date: isoDate(`2020-01-0${c.day}`), sequence: (c.seq * 10) as t.Int },
              },
            }
    events.push({ event: { _tag: 'EntryCorrected', correction }, release: targetIndex })
  })
  return { recorded: appendOrder(events, plan.order), releases, tokens }
}

/** A random append order in which every correction comes after the release it corrects. */
const appendOrder = (
  events: ReadonlyArray<{ readonly event: LedgerEvent; readonly release: number }>,
  order: ReadonlyArray<number>,
): ReadonlyArray<Recorded> => {
  const weight = (i: number): number => order[i % order.length] ?? 0
  const releases = events
    .map((e, i) => ({ ...e, w: weight(i) }))
    .filter((e) => e.event._tag === 'ReleaseRecorded')
    .sort((a, b) => a.w - b.w)
  const out: LedgerEvent[] = releases.map((e) => e.event)
  // Corrections keep their authored order (a later fix of the same field wins), each after
  // the release it corrects; only where releases fall around them varies.
  let previous = -1
  events.forEach((e, i) => {
    if (e.event._tag !== 'EntryCorrected') return
    const targetEvent = events[e.release]?.event
    const after = Math.max(out.indexOf(targetEvent as LedgerEvent), previous)
    const at = after + 1 + (weight(i) % (out.length - after))
    out.splice(at, 0, e.event)
    previous = at
  })
  return out.map((event, i) => ({
    position: BigInt(i),
    recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    hash: `h${i}`,
    prevHash: `h${i - 1}`,
    event,
  }))
}
