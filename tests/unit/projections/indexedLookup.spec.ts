import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { onScreenOnly } from '../../../src/domain/canonPolicy'
import { releaseId } from '../../../src/domain/ids'
import type { Change } from '../../../src/domain/change'
import { indexedReader } from '../../../projections/indexed/reader'
import { referenceReader } from '../../../projections/reference/reader'
import { rng } from '../../../bench/rng'
import { alias, appear, introduce, recordedLedger, release, released } from '../../support/builders'

/**
 * The indexed reader finds entities through indexes (a trie, texts by length) where the
 * reference measures every text; on a vocabulary where texts are prefixes, infixes and close
 * misspellings of one another, both must find exactly the same.
 */
const alphabet = ['a', 'b', ' ', 'ab', 'ba']
const word = (r: ReturnType<typeof rng>, max: number): string =>
  Array.from({ length: 1 + r.int(max) }, () => r.pick(alphabet))
    .join('')
    .trim() || 'a'

const ledgerOf = (seed: number) => {
  const r = rng(seed)
  const changes: Change[][] = [[], [], []]
  for (let i = 0; i < 40; i++) {
    const at = r.int(3)
    changes[at]?.push(
      introduce(`thing/e${i}`, `${word(r, 5)} ${i % 3 === 0 ? 'x' : ''}`.trim(), {
        ...(r.chance(0.3) ? { aliases: [word(r, 6)] } : {}),
      }),
    )
    if (at < 2 && r.chance(0.2)) changes[2]?.push(alias(`thing/e${i}`, word(r, 4)))
    if (at < 2 && r.chance(0.1)) changes[2]?.push(appear(`thing/e${i}`, word(r, 4)))
  }
  return recordedLedger(
    changes.map((c, i) => released(release(`r${i}`, { date: `2020-01-0${i + 1}` }), ...c)),
  )
}

describe('given entities whose names and aliases prefix, contain and misspell one another', () => {
  describe('when any text is searched for, or looked up, at any release', () => {
    it('then the indexed reader finds, ranks and suggests exactly as the reference does', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
          const recorded = ledgerOf(seed)
          const indexed = indexedReader(recorded)
          const reference = referenceReader(recorded)
          const r = rng(seed ^ 0x1234)
          for (let i = 0; i < 12; i++) {
            const text = r.chance(0.1) ? 'thing/e1' : word(r, 4)
            const at = {
              release: { _tag: 'AsOfRelease' as const, release: releaseId(`r${r.int(3)}`) },
              policy: onScreenOnly,
            }
            const limit = 1 + r.int(20)
            expect(indexed.search({ text, at, limit }), `search '${text}'`).toEqual(
              reference.search({ text, at, limit }),
            )
            expect(indexed.entity({ entity: text, at }), `entity '${text}'`).toEqual(
              reference.entity({ entity: text, at }),
            )
          }
        }),
        { numRuns: 60, seed: 20261207 },
      )
    })
  })
})
