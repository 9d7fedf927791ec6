import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import type { Recorded } from '../../../src/domain/events'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import type { EntityId } from '../../../src/domain/ids'
import type { ReleaseCut } from '../../../projections/cut'
import { admittedReleases } from '../../../projections/cut'
import type { LedgerView, ReleaseView } from '../../../projections/ledgerView'
import { ledgerView } from '../../../projections/ledgerView'
import type { Diff } from '../../../projections/diff'
import { diff } from '../../../projections/diff'
import { diffReference } from '../../support/diffReference'
import type { Rng } from '../../support/randomLedger'
import { entityPool, randomLedger, rng } from '../../support/randomLedger'
import { randomCut, randomPolicies } from '../../support/randomCuts'

const policies = randomPolicies

const admitted = (view: LedgerView, cut: ReleaseCut): ReadonlyArray<ReleaseView> => {
  const found = admittedReleases(view, cut)
  if (E.isLeft(found))
    throw new Error(`the spec's cut names an unknown release ${found.left.release}`)
  return found.right
}

/**
 * Everything a diff holds, as text: JSON, with `to`'s maps as their entries in order (plain
 * JSON prints a Map as {}) and bigints (ledger positions) as decimal strings.
 */
const serialized = (d: Diff): string =>
  JSON.stringify(d, (_key, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v instanceof Map ? { map: [...v.entries()] } : v,
  )

interface Drawn {
  readonly view: LedgerView
  readonly a: ReadonlyArray<ReleaseView>
  readonly b: ReadonlyArray<ReleaseView>
  readonly policy: CanonPolicy
  readonly entity: EntityId | undefined
}

/** One diff question on the ledger: two cuts (in either order), a ledger position, a policy, maybe an entity. */
const draw = (events: ReadonlyArray<Recorded>, r: Rng): Drawn => {
  const at = r.chance(0.7) ? undefined : BigInt(r.int(events.length + 1) - 1)
  const view = ledgerView(events, at)
  const ids = view.releases.map((v) => v.release.id)
  return {
    view,
    a: admitted(view, randomCut(r, ids)),
    b: admitted(view, randomCut(r, ids)),
    policy: r.pick(policies),
    entity: r.chance(0.5) ? undefined : r.pick(entityPool),
  }
}

const both = ({ view, a, b, policy, entity }: Drawn) => ({
  fast: diff(view.releases, a, b, policy, entity),
  reference: diffReference(view.releases, a, b, policy, entity),
})

describe('diff at scale', () => {
  describe('given random ledgers appended out of release order, with corrections', () => {
    it('when diffing any two release cuts under any policy, with or without an entity, then the output is exactly the reference implementation', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          fc.integer({ min: 3, max: 14 }),
          (seed, size) => {
            const events = randomLedger(seed, size)
            const r = rng(seed ^ 0x1b873593)
            for (let q = 0; q < 8; q++) {
              const { fast, reference } = both(draw(events, r))
              expect(serialized(fast)).toBe(serialized(reference))
            }
          },
        ),
        { numRuns: 200 },
      )
    })

    it('then the drawn questions do reach facts known at both cuts, conflicts, identified groups and entity filters', () => {
      const seenFact = { before: false, after: false, both: false, conflict: false }
      let identified = false
      let filtered = false
      for (let seed = 0; seed < 60; seed++) {
        const events = randomLedger(seed, 14)
        const r = rng(seed)
        for (let q = 0; q < 8; q++) {
          const drawn = draw(events, r)
          const { fast } = both(drawn)
          for (const f of fast.facts) {
            seenFact.before ||= f.before !== undefined && f.after === undefined
            seenFact.after ||= f.before === undefined && f.after !== undefined
            seenFact.both ||= f.before !== undefined && f.after !== undefined
            seenFact.conflict ||= f.after?.status === 'conflict'
          }
          identified ||= fast.changes.some((c) => c.class._tag === 'identified')
          filtered ||= drawn.entity !== undefined && fast.changes.length > 0
        }
      }
      expect({ ...seenFact, identified, filtered }).toEqual({
        before: true,
        after: true,
        both: true,
        conflict: true,
        identified: true,
        filtered: true,
      })
    })
  })
})
