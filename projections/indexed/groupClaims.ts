import type { At } from './at'
import type { ClaimAt } from './claimFold'
import { foldClaim, gatherRow, live, ordered } from './claimFold'
import type { EntityAt } from './entityFold'
import { admittedGen } from './admission'
import {
  R_CLAIM,
  R_FOLD,
  R_PREDICATE,
  R_RELEASE,
  R_ROW,
  R_SUBJECT,
  R_TAG,
  R_VALID,
  R_VALUE,
  recordStride,
  settlingBit,
} from './blocks'

/**
 * The live claims about the members of a group at the cut, in the canon state's order: each
 * member's block scanned once (its claims' rows laid out together), each claim folded by THE
 * claim fold of the index.
 */
export const groupClaims = (
  at: At,
  members: ReadonlyArray<EntityAt>,
  predicate = -1,
): ClaimAt[] => {
  const a = at.a
  const ix = a.ix
  const alone = members.length === 1 ? (members[0] as EntityAt).e : -1
  const inGroup = alone >= 0 ? undefined : new Set(members.map((m) => m.e))
  // A claim is in a member's block once per subject it was asserted with: only a claim
  // asserted again (after its first release was withdrawn), or a group, can meet one twice.
  const seen = new Set<number>()
  const out: ClaimAt[] = []
  const rows: number[] = []
  const rank = a.d.rank
  for (const m of members) {
    const [from, count] = ix.blocks.of(ix, a.d, m.e)
    const rec = ix.blocks.records()
    for (let i = 0; i < count;) {
      const base = (from + i) * recordStride
      const c = rec.get(base + R_FOLD)
      let end = i + 1
      while (end < count && rec.get((from + end) * recordStride + R_FOLD) === c) end++
      const skip = (ix.claimAssertions.get(c) > 1 || inGroup !== undefined) && seen.has(c)
      if (!skip) {
        seen.add(c)
        rows.length = 0
        let matches = predicate < 0
        for (let j = i; j < end; j++) {
          const at8 = (from + j) * recordStride
          const r = rec.get(at8 + R_RELEASE)
          const tagBits = rec.get(at8 + R_TAG)
          if (!matches && (tagBits & settlingBit) === 0 && rec.get(at8 + R_PREDICATE) === predicate)
            matches = true
          const g = admittedGen(a, r)
          if (g < 0 || ix.genWithdrawn.get(g) === 1) continue
          const row = rec.get(at8 + R_ROW)
          gatherRow(
            at,
            rows,
            row,
            g,
            (rank[g] as number) * 16777216 + (row - ix.releaseFirstRow.get(r)),
            (tagBits & settlingBit) === 0 ? 0 : 1,
            r,
            tagBits & 7,
            rec.get(at8 + R_CLAIM),
            rec.get(at8 + R_SUBJECT),
            rec.get(at8 + R_PREDICATE),
            rec.get(at8 + R_VALUE),
            rec.get(at8 + R_VALID),
          )
        }
        if (matches) {
          const s = foldClaim(at, c, ordered(rows))
          if (
            s !== undefined &&
            s.status === live &&
            (predicate < 0 || s.predicate === predicate) &&
            (alone >= 0 ? s.subject === alone : inGroup?.has(s.subject) === true)
          )
            out.push(s)
        }
      }
      i = end
    }
  }
  return out.length <= 1 ? out : out.sort((x, y) => x.createKey - y.createKey)
}
