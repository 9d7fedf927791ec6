import type { At } from './at'
import type { ClaimAt } from './claimFold'
import { foldRecords, live } from './claimFold'
import type { EntityAt } from './entityFold'
import { R_FOLD, R_PREDICATE, R_TAG, recordStride } from './claimRecords'
import { tag } from './rowTags'

/**
 * The live claims about the members of a group at the cut, in the canon state's order: each
 * member's block scanned once (its claims' records laid out together), each claim folded by THE
 * claim fold of the index.
 */
export const groupClaims = (
  at: At,
  members: ReadonlyArray<EntityAt>,
  predicate = -1,
): ClaimAt[] => {
  const ix = at.a.ix
  const alone = members.length === 1 ? (members[0] as EntityAt).e : -1
  const inGroup = alone >= 0 ? undefined : new Set(members.map((m) => m.e))
  // A claim is in a member's block once per subject it was asserted with: only a claim
  // asserted again (after its first release was withdrawn), or a group, can meet one twice.
  const seen = new Set<number>()
  const out: ClaimAt[] = []
  for (const m of members) {
    const [from, count] = ix.blocks.of(ix, m.e)
    const rec = ix.blocks.records()
    for (let i = from; i < from + count;) {
      const c = rec.get(i * recordStride + R_FOLD)
      let end = i + 1
      while (end < from + count && rec.get(end * recordStride + R_FOLD) === c) end++
      const twice = (ix.claimAssertions.get(c) > 1 || inGroup !== undefined) && seen.has(c)
      seen.add(c)
      let asked = predicate < 0
      for (let j = i; !asked && j < end; j++)
        asked =
          rec.get(j * recordStride + R_TAG) === tag.Asserted &&
          rec.get(j * recordStride + R_PREDICATE) === predicate
      if (!twice && asked) {
        const s = foldRecords(at, c, rec, i, end - i)
        if (
          s !== undefined &&
          s.status === live &&
          (predicate < 0 || s.predicate === predicate) &&
          (alone >= 0 ? s.subject === alone : inGroup?.has(s.subject) === true)
        )
          out.push(s)
      }
      i = end
    }
  }
  return out.length <= 1 ? out : out.sort((x, y) => x.createKey - y.createKey)
}
