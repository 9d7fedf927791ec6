import type { At } from './at'
import { liveRowGen, placedLive } from './at'
import { orderKey } from './ranks'
import { isShowingTag, tag } from './rowTags'

/**
 * An entity at a cut, folded from its own rows exactly as THE fold (reference/canon.ts)
 * applies them: the first admitted showing introduces it (its name, its aliases, the release),
 * later showings and aliases add names it does not have yet.
 */
export interface EntityAt {
  readonly e: number
  readonly name: string
  readonly aliases: ReadonlyArray<string>
  /** The same as text ids (names and aliases are interned). */
  readonly nameId: number
  readonly aliasIds: ReadonlyArray<number>
  /** The release (ordinal) and generation that first showed it. */
  readonly introducedBy: number
  readonly introducedGen: number
  /** The order key of that showing: the entity exists in the fold after it. */
  readonly firstKey: number
}

const noNames: ReadonlyArray<string> = Object.freeze([])
const noIds: ReadonlyArray<number> = Object.freeze([])

/** Names shown for an entity already known: each kept as an alias unless it has it already. */
const withNames = (aliases: number[], name: number, names: ReadonlyArray<number>): number[] => {
  const added = names.filter((n) => n !== name && !aliases.includes(n))
  return added.length === 0 ? aliases : [...aliases, ...added]
}

export const entityAt = (at: At, e: number): EntityAt | undefined => {
  const known = at.entities.get(e)
  if (known !== undefined) return known ?? undefined
  const a = at.a
  const ix = a.ix
  const sole = ix.entitySoleRow.get(e)
  if (sole >= 0) {
    // Most entities: one introduction and nothing else.
    const g = liveRowGen(a, sole)
    const name = ix.rowValue.get(sole)
    const state: EntityAt | undefined =
      g < 0
        ? undefined
        : {
            e,
            name: ix.texts.text(name),
            aliases: noNames,
            nameId: name,
            aliasIds: noIds,
            introducedBy: ix.rowRelease.get(sole),
            introducedGen: g,
            firstKey: orderKey(ix, a.d, sole, g),
          }
    at.entities.set(e, state ?? null)
    return state
  }
  // The entity's showings and aliases the cut admits, as (order key, row, generation).
  const found: number[] = []
  const p = ix.entityRows
  for (let x = e < p.first.length ? p.first.get(e) : -1; x >= 0; x = p.next.get(x)) {
    const row = p.item.get(x)
    if (ix.rowA.get(row) !== e || ix.rowTag.get(row) === tag.Identified) continue
    const g = liveRowGen(a, row)
    if (g >= 0) found.push(orderKey(ix, a.d, row, g), row, g)
  }
  const order = found.length <= 3 ? [0] : inOrder(found)
  let first = -1
  let name = -1
  let aliases: number[] = []
  for (const i of order) {
    const row = found[i + 1] as number
    if (row === undefined) break
    const text = ix.rowValue.get(row)
    if (isShowingTag(ix.rowTag.get(row))) {
      const extra = ix.rowExtra.get(row)
      if (first < 0) {
        first = i
        name = text
        aliases = extra === undefined ? [] : [...new Set(extra)].filter((x) => x !== text)
      } else aliases = withNames(aliases, name, extra === undefined ? [text] : [text, ...extra])
    } else if (first >= 0) aliases = withNames(aliases, name, [text])
  }
  const state: EntityAt | undefined =
    first < 0
      ? undefined
      : {
          e,
          name: ix.texts.text(name),
          aliases: aliases.map((x) => ix.texts.text(x)),
          nameId: name,
          aliasIds: aliases,
          introducedBy: ix.rowRelease.get(found[first + 1] as number),
          introducedGen: found[first + 2] as number,
          firstKey: found[first] as number,
        }
  at.entities.set(e, state ?? null)
  return state
}

/** The places of (key, row, generation) triples in key order (an insertion sort: they are few). */
const inOrder = (found: ReadonlyArray<number>): number[] => {
  const order: number[] = []
  for (let i = 0; i < found.length; i += 3) {
    let j = order.length
    while (j > 0 && (found[order[j - 1] as number] as number) > (found[i] as number)) j--
    order.splice(j, 0, i)
  }
  return order
}

/**
 * The entity `e` is identified into at the cut: the last admitted identification of it made
 * when both entities were already known to the fold (before order key `before`, if given).
 */
export const parentAt = (at: At, e: number, before = Infinity): number => {
  if (before === Infinity) {
    const known = at.parents.get(e)
    if (known !== undefined) return known
  }
  const ix = at.a.ix
  if ((ix.entityIdentified.get(e) & 2) === 0) return -1
  let parent = -1
  const self = entityAt(at, e)
  if (self !== undefined)
    for (const p of placedLive(at.a, ix.entityRows.items(e))) {
      if (p.key >= before) break
      if (ix.rowTag.get(p.row) !== tag.Identified || ix.rowB.get(p.row) !== e) continue
      const other = entityAt(at, ix.rowA.get(p.row))
      if (other !== undefined && other.firstKey < p.key && self.firstKey < p.key)
        parent = ix.rowA.get(p.row)
    }
  if (before === Infinity) at.parents.set(e, parent)
  return parent
}

/** The entity standing for `e`'s merged group at the cut (`canonicalEntity`: at most 64 hops). */
export const rootAt = (at: At, e: number): number => {
  let current = e
  for (let hops = 0; hops < 64; hops++) {
    const next = parentAt(at, current)
    if (next < 0) return current
    current = next
  }
  return current
}

/**
 * The entities of the cut whose root is `root`, in the order the fold first showed them (the
 * canon state's order). Candidates come from every identification ever made into them.
 */
export const groupAt = (at: At, root: number): ReadonlyArray<EntityAt> => {
  const ix = at.a.ix
  if ((ix.entityIdentified.get(root) & 1) === 0) {
    const alone = entityAt(at, root)
    return alone === undefined ? [] : [alone]
  }
  const seen = new Set<number>([root])
  const queue = [root]
  for (let i = 0; i < queue.length; i++) {
    const x = queue[i] as number
    for (const row of ix.entityRows.items(x))
      if (ix.rowTag.get(row) === tag.Identified && ix.rowA.get(row) === x) {
        const child = ix.rowB.get(row)
        if (!seen.has(child)) {
          seen.add(child)
          queue.push(child)
        }
      }
  }
  const members: EntityAt[] = []
  for (const x of queue) {
    const state = entityAt(at, x)
    if (state !== undefined && rootAt(at, x) === root) members.push(state)
  }
  return members.sort((p, q) => p.firstKey - q.firstKey)
}
