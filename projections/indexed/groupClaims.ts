import type { At } from './at'
import type { ClaimAt } from './claimFold'
import { claimAt, live } from './claimFold'
import type { EntityAt } from './entityFold'

/** The live claims about the members of a group at the cut, in the canon state's order. */
export const groupClaims = (
  at: At,
  members: ReadonlyArray<EntityAt>,
  predicate = -1,
): ClaimAt[] => {
  const ix = at.a.ix
  const alone = members.length === 1 ? (members[0] as EntityAt).e : -1
  const inGroup = alone >= 0 ? undefined : new Set(members.map((m) => m.e))
  // A claim is filed under a subject once per assertion: only a claim asserted again (after
  // its first release was withdrawn) can come twice.
  const seen = new Set<number>()
  const out: ClaimAt[] = []
  const p = ix.entityAsserts
  for (const m of members)
    for (let e = m.e < p.first.length ? p.first.get(m.e) : -1; e >= 0; e = p.next.get(e)) {
      const row = p.item.get(e)
      const c = ix.rowA.get(row)
      if (predicate >= 0 && ix.rowC.get(row) !== predicate) continue
      if (ix.claimAssertions.get(c) > 1 || inGroup !== undefined) {
        if (seen.has(c)) continue
        seen.add(c)
      }
      const s = claimAt(at, c, Infinity, false)
      if (s === undefined || s.status !== live) continue
      if (alone >= 0 ? s.subject === alone : inGroup?.has(s.subject) === true) out.push(s)
    }
  return out.length <= 1 ? out : out.sort((x, y) => x.createKey - y.createKey)
}
