import type { EntityId, Predicate } from '../../src/domain/ids'
import type { ClaimState } from '../reference/canon'
import type { EntityView, FactView } from '../reference/entityView'
import { factStatus } from '../reference/entityView'
import type { At } from './at'
import type { ClaimAt } from './claimFold'
import { claimAt, live } from './claimFold'
import type { EntityAt } from './entityFold'
import { entityAt, groupAt, rootAt } from './entityFold'
import { claimStateOf } from './views'
import { tierRankOfCode } from './tiers'

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
      const s = claimAt(at, c)
      if (s === undefined || s.status !== live) continue
      if (alone >= 0 ? s.subject === alone : inGroup?.has(s.subject) === true) out.push(s)
    }
  return out.length <= 1 ? out : out.sort((x, y) => x.createKey - y.createKey)
}

/** An entity's canon at the cut (reference/entityView.ts `entityView`), from the columns. */
export const entityViewAt = (at: At, e: number): EntityView | undefined => {
  if (entityAt(at, e) === undefined) return undefined
  const ix = at.a.ix
  const root = rootAt(at, e)
  const entity = entityAt(at, root)
  if (entity === undefined) return undefined
  const group = groupAt(at, root)
  const byPredicate = new Map<number, ClaimAt[]>()
  for (const s of groupClaims(at, group)) {
    const list = byPredicate.get(s.predicate) ?? []
    list.push(s)
    byPredicate.set(s.predicate, list)
  }
  const facts = [...byPredicate.entries()]
    .map(([p, claims]) => ({ predicate: ix.predicates.text(p) as Predicate, claims }))
    .sort(({ predicate: a }, { predicate: b }) => (a < b ? -1 : a > b ? 1 : 0))
    .map(({ predicate, claims }): FactView => {
      const ordered: ClaimState[] = [...claims]
        .sort((x, y) => tierRankOfCode(x.tier) - tierRankOfCode(y.tier))
        .map((s) => claimStateOf(ix, s))
      return { predicate, status: factStatus(ordered), claims: ordered }
    })
  const others = group.filter((m) => m.e !== root)
  const aliases = [
    ...new Set([...entity.aliases, ...others.flatMap((m) => [m.name, ...m.aliases])]),
  ].filter((a) => a !== entity.name)
  return {
    id: ix.entities.text(root) as EntityId,
    name: entity.name,
    aliases,
    identifiedWith: others.map((m) => ix.entities.text(m.e) as EntityId),
    introducedBy: ix.releaseIds.text(entity.introducedBy),
    facts,
  }
}
