import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Command } from '../../../src/domain/commands'
import { decide } from '../../../src/domain/decide'
import type { Recorded } from '../../../src/domain/events'
import type { LedgerState } from '../../../src/domain/state'
import { emptyState, evolve } from '../../../src/domain/state'
import { canonicalJson } from '../../../src/domain/json'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import type { ReleaseCut } from '../../../projections/port/cut'
import { latest } from '../../../projections/port/cut'
import { beforeEverything } from '../../../projections/port/cutText'
import type { CanonReader } from '../../../projections/port/reader'
import { rng } from '../../../bench/rng'
import type { OpenReader } from '../readerContract'
import { quickRuns } from '../readerContract'
import { readsAt, walkPages } from '../readerReads'
import { commandOf, fixedRecordedAt } from '../../support/builders'
import { generatedLedger } from '../../support/generatedLedger'
import { generatedCut } from '../../support/generatedCuts'
import { asOf, cutOf } from './support'

/**
 * The commands of `recorded` appended again in another order: the releases shuffled, the
 * corrections after them in their own order, each refused command retried once others have
 * landed (a backfill waits for what it leans on). Positions and times follow the new order.
 */
const reappended = (recorded: ReadonlyArray<Recorded>, seed: number): ReadonlyArray<Recorded> => {
  const r = rng(seed)
  const commands = recorded.map((e) => commandOf(e.event))
  const releases = commands.filter((c) => c._tag === 'RecordRelease')
  const corrections = commands.filter((c) => c._tag === 'CorrectEntry')
  // Calendars first: a release may write times in them.
  const calendars = commands.filter((c) => c._tag === 'DeclareCalendar')
  let pending: ReadonlyArray<Command> = [
    ...calendars,
    ...[...releases].sort(() => r.next() - 0.5),
    ...corrections,
  ]
  let state: LedgerState = emptyState()
  const out: Recorded[] = []
  for (let round = 0; round < 8 && pending.length > 0; round++) {
    const refused: Command[] = []
    for (const command of pending) {
      const decided = decide(command, state)
      if (E.isLeft(decided)) refused.push(command)
      else
        for (const event of decided.right) {
          const i = out.length
          const e: Recorded = {
            position: BigInt(i),
            recordedAt: fixedRecordedAt(i),
            hash: `h${i}`,
            prevHash: i === 0 ? 'genesis' : `h${i - 1}`,
            event,
          }
          state = evolve(state, e)
          out.push(e)
        }
    }
    pending = refused
  }
  return out
}

const sameEvents = (a: ReadonlyArray<Recorded>, b: ReadonlyArray<Recorded>): boolean => {
  const texts = (x: ReadonlyArray<Recorded>) => x.map((e) => canonicalJson(e.event)).sort()
  return canonicalJson(texts(a)) === canonicalJson(texts(b))
}

/** An answer without its place on the ledger axis (positions, times, cursors that name them). */
const releaseAxisOnly = (answer: unknown): string =>
  JSON.stringify(answer, (k, v: unknown) =>
    k === 'position' || k === 'recordedAt' || k === 'ledgerPosition'
      ? undefined
      : k === 'next'
        ? v !== null
        : v,
  )

/** Every read at a release cut whose answer cannot depend on append order. */
const releaseAxisReads = (
  reader: CanonReader,
  release: ReleaseCut,
  entities: ReadonlyArray<string>,
): string => {
  const answers: unknown[] = []
  for (const policy of [onScreenOnly, allSources]) {
    const at = cutOf(release, policy)
    for (const entity of entities) {
      answers.push(reader.entity({ entity, at }))
      answers.push(walkPages((page) => reader.history({ at, entity, page }), 3))
    }
    answers.push(reader.search({ text: 'N', at }))
    answers.push(walkPages((page) => reader.timeline({ at, page }), 3))
    answers.push(walkPages((page) => reader.releases({ at, page }), 3))
    answers.push(
      walkPages((page) => reader.diff({ from: beforeEverything, to: release, policy, page }), 3),
    )
  }
  return releaseAxisOnly(answers)
}

/** Reads over generated ledgers that the reader contract's equality with the reference cannot see. */
export const generatedLedgerScenarios = (name: string, open: OpenReader): void => {
  describe(`given generated ledgers appended in two different orders, read by the ${name} reader`, () => {
    describe('when every read is asked at every release cut', () => {
      it('then both ledgers give the same answers, whatever their positions', () => {
        let compared = 0
        for (let seed = 1; seed <= quickRuns.runs / 2; seed++) {
          const g = generatedLedger(seed * 7919, 10)
          const other = reappended(g.recorded, seed)
          // A correction that a different order refuses (or lets through) makes another ledger.
          if (!sameEvents(g.recorded, other)) continue
          compared++
          const [one, two] = [open(g.recorded), open(other)]
          const live = g.releases.filter((id) =>
            E.isRight(one.releases({ at: cutOf(asOf(id), allSources), page: { limit: 1 } })),
          )
          for (const release of [latest, ...live.map(asOf)])
            expect(releaseAxisReads(two, release, g.entities), JSON.stringify(release)).toBe(
              releaseAxisReads(one, release, g.entities),
            )
        }
        expect(compared).toBeGreaterThan(quickRuns.runs / 4)
      })
    })
  })

  describe(`given the generated ledgers of the reader contract, read by the ${name} reader`, () => {
    describe('when the contract’s reads are asked at drawn cuts', () => {
      it('then the answers reach every kind of change, correction, conflict and refusal, so the contract is not vacuous', () => {
        const seen = new Set<string>()
        for (let seed = 1; seed <= quickRuns.runs; seed++) {
          const g = generatedLedger(seed, 16)
          const reader = open(g.recorded)
          const r = rng(seed ^ 0x9e3779b9)
          for (let i = 0; i < 4; i++)
            for (const read of readsAt(r, g, generatedCut(r, g)))
              noteWhatIsSeen(read.run(reader), seen)
        }
        expect([...seen].sort()).toEqual(
          [
            ...[
              'introduced',
              'appeared',
              'aliased',
              'identified',
              'asserted',
              'confirmed',
              'revised',
              'retracted',
              'changed-in-story',
            ].map((c) => `audit:${c}`),
            'audit:withdrawn',
            'correction:release-fixed',
            'correction:release-withdrawn',
            'correction:change-fixed',
            'fact:conflict',
            'diff:before-only',
            'diff:after-only',
            'diff:both',
            'value:hidden-entity',
            'page:more',
            'suggestions',
            ...['watched', 'region', 'ledgerPosition', 'from', 'to'].map((f) => `refused:${f}`),
            ...['entity', 'release', 'fact', 'claim'].map((k) => `missing:${k}`),
          ].sort(),
        )
      })
    })
  })
}

/** What an answer (or a walk of pages) shows, as kinds: the contract's coverage. */
const noteWhatIsSeen = (answer: unknown, seen: Set<string>): void => {
  if (Array.isArray(answer)) {
    if (answer.length > 1) seen.add('page:more')
    for (const a of answer) noteWhatIsSeen(a, seen)
    return
  }
  const either = answer as E.Either<
    { _tag: string; field?: string; kind?: string; suggestions?: ReadonlyArray<string> },
    Record<string, unknown>
  >
  if (E.isLeft(either)) {
    const e = either.left
    if (e._tag === 'InvalidQuery' && e.field !== undefined) seen.add(`refused:${e.field}`)
    if (e._tag === 'NotFound' && e.kind !== undefined) seen.add(`missing:${e.kind}`)
    if ((e.suggestions ?? []).length > 0) seen.add('suggestions')
    return
  }
  const a = either.right
  const entries = (a.entries ?? []) as ReadonlyArray<{ change?: string; withdrawn?: boolean }>
  for (const e of entries) {
    if (e.change !== undefined) seen.add(`audit:${e.change}`)
    if (e.withdrawn === true) seen.add('audit:withdrawn')
  }
  for (const c of (a.corrections ?? []) as ReadonlyArray<{ what: string }>)
    seen.add(`correction:${c.what}`)
  for (const f of (a.facts ?? []) as ReadonlyArray<{
    status?: string
    before?: unknown
    after?: unknown
  }>) {
    if (f.status === 'conflict') seen.add('fact:conflict')
    if ('before' in f && 'after' in f)
      seen.add(
        f.before === null ? 'diff:after-only' : f.after === null ? 'diff:before-only' : 'diff:both',
      )
  }
  if (JSON.stringify(a).includes('"entity":null')) seen.add('value:hidden-entity')
}
