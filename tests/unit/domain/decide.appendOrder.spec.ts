import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { decide } from '../../../src/domain/decide'
import type { ReleaseRecorded } from '../../../src/domain/events'
import type { LedgerState } from '../../../src/domain/state'
import { evolve, foldState } from '../../../src/domain/state'
import { commandOf, fixedRecordedAt } from '../../support/builders'
import {
  articleRecorded,
  brokenPiecesRecorded,
  childrenOfMarsRecorded,
  ouroborosPart2Recorded,
  picardPremiereRecorded,
  wholeArc,
} from './marsAttack'

/** Which releases each release of the arc builds on (entities it names, claims it acts on). */
const dependsOn = new Map<ReleaseRecorded, ReadonlyArray<ReleaseRecorded>>([
  [childrenOfMarsRecorded, []],
  [picardPremiereRecorded, [childrenOfMarsRecorded]],
  [brokenPiecesRecorded, [childrenOfMarsRecorded]],
  [ouroborosPart2Recorded, [childrenOfMarsRecorded]],
  [articleRecorded, [brokenPiecesRecorded]],
])

const permutations = <A>(xs: ReadonlyArray<A>): ReadonlyArray<ReadonlyArray<A>> =>
  xs.length <= 1
    ? [xs]
    : xs.flatMap((x, i) =>
        permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]),
      )

/** Appends each release in turn, as the app does: decide, then evolve with what was decided. */
const appendInOrder = (
  order: ReadonlyArray<ReleaseRecorded>,
): { readonly state: LedgerState; readonly outcomes: ReadonlyArray<boolean> } => {
  let state = foldState([])
  const outcomes: boolean[] = []
  for (const event of order) {
    const decided = decide(commandOf(event), state)
    outcomes.push(E.isRight(decided))
    if (E.isRight(decided))
      for (const e of decided.right)
        state = evolve(state, {
          position: state.nextPosition,
          recordedAt: fixedRecordedAt(Number(state.nextPosition)),
          hash: '',
          prevHash: '',
          event: e,
        })
  }
  return { state, outcomes }
}

/** What the decider knows, independent of append order (touches compared as sets). */
const knowledge = (state: LedgerState) => ({
  releases: [...state.releases.keys()].sort(),
  entities: [...state.entities.entries()].sort(([a], [b]) => a.localeCompare(b)),
  identified: [...state.identified.entries()].sort(([a], [b]) => a.localeCompare(b)),
  claims: [...state.claims.entries()]
    .map(([id, c]) => ({
      id,
      assertedBy: c.assertedBy,
      subject: c.subject,
      predicate: c.predicate,
      touches: c.touches.map((t) => `${t.release}:${t.tag}`).sort(),
    }))
    .sort((a, b) => a.id.localeCompare(b.id)),
})

describe('given releases appended in any order', () => {
  const all = permutations(wholeArc)
  const inReleaseOrder = appendInOrder(wholeArc)

  it('when appended in release order, then every release is accepted', () => {
    expect(inReleaseOrder.outcomes).toEqual(wholeArc.map(() => true))
  })

  it('when appended out of release order, then a release is accepted exactly when what it builds on is already recorded', () => {
    expect(all).toHaveLength(120)
    for (const order of all) {
      const { outcomes } = appendInOrder(order)
      const accepted = new Set<ReleaseRecorded>()
      const expected = order.map((event) => {
        const ok = (dependsOn.get(event) ?? []).every((d) => accepted.has(d))
        if (ok) accepted.add(event)
        return ok
      })
      expect(outcomes, order.map((e) => e.release.id).join(' ')).toEqual(expected)
    }
  })

  it('when every release is accepted, then the ledger knows the same as in release order', () => {
    const consistent = all.filter((order) => appendInOrder(order).outcomes.every(Boolean))
    // 5 releases: CoM first, the article after Broken Pieces; 4!/2 = 12 orders.
    expect(consistent).toHaveLength(12)
    for (const order of consistent)
      expect(knowledge(appendInOrder(order).state)).toEqual(knowledge(inReleaseOrder.state))
  })

  it('when a release is backfilled after later ones, then re-appending any of them is a no-op', () => {
    const order = [
      childrenOfMarsRecorded,
      ouroborosPart2Recorded,
      brokenPiecesRecorded,
      articleRecorded,
      picardPremiereRecorded,
    ]
    const { state } = appendInOrder(order)
    for (const event of order) expect(decide(commandOf(event), state)).toEqual(E.right([]))
  })
})
