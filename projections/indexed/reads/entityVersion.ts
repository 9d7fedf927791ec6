import * as E from 'fp-ts/Either'
import type { EntityQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import type { EntityVersion } from '../../cache/cachedReader'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { admits, cutAnswerOf } from '../admission'
import { genAt } from '../ranks'

/**
 * The version of an entity's answer at a cut: the entity the query resolves to, and how the cut
 * reads each release its answer depends on (dependencies.ts): the generation it admits, else
 * whether the ledger as read holds it (withdrawn or of another tier or outside the cut) or not.
 * Refused exactly as the entity read refuses.
 */
export const entityVersionRead = (b: Basis, q: EntityQuery): E.Either<ReadError, EntityVersion> => {
  const at = atCut(b, q.at)
  if (E.isLeft(at)) return at
  const found = resolveEntity(at.right, q.entity)
  if (E.isLeft(found)) return found
  const a = at.right.a
  const ix = a.ix
  const e = found.right.e
  const releases = ix.dependencies.of(ix, e, a.k)
  // Two UTF-16 units per number (its high and low halves): the entity, then per release its
  // admitted generation (2g + 2), else the generation the ledger holds (2g + 3), else 0.
  const units = new Uint16Array(2 * releases.length + 2)
  units[0] = e >>> 16
  units[1] = e & 0xffff
  for (let i = 0; i < releases.length; i++) {
    const r = releases[i] as number
    const g = genAt(ix, r, a.k)
    const code = g < 0 ? 0 : admits(a, r, g) ? 2 * g + 2 : 2 * g + 3
    units[2 * i + 2] = code >>> 16
    units[2 * i + 3] = code & 0xffff
  }
  const matched = found.right.matched
  return E.right({
    key: String.fromCharCode.apply(null, units as unknown as number[]),
    at: cutAnswerOf(a),
    matched: { query: q.entity, text: matched.text, by: matched.by },
  })
}
