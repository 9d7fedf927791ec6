import { entitiesOfValue } from '../../src/domain/value'
import type { LedgerIndex } from './ledgerIndex'
import { tag } from './rowTags'
import { noProvenance } from './valueTable'

/**
 * The releases an entity's answer depends on: at any cut, the answer's entity and facts are a
 * function of the entity and of how the cut reads each of these releases (the generation it
 * admits, or whether the ledger as read holds it at all). They are the releases of
 * - the rows of every entity linked to it by identifications, either way and transitively
 *   (its group at any cut, and every entity a root or group walk can meet): their showings,
 *   aliases and identifications;
 * - every row of every claim asserted about one of those, and every revision settling one
 *   (the claim fold reads them, and its origin among them);
 * - the rows of every entity a value or an account of those claim rows names (as recorded or as
 *   any correction reads it), and of the entities linked to those (they are named at the cut,
 *   under their root).
 * Kept per entity as a sorted list of release ordinals, valid for every reader whose head was
 * filed when it was built (`filed`): rows filed later belong to releases such a reader does not
 * hold yet.
 */
export class Dependencies {
  private readonly lists = new Map<number, { readonly filed: number; readonly of: Int32Array }>()

  /** The releases entity `e`'s answer depends on, for a reader whose head is event `k`. */
  of(ix: LedgerIndex, e: number, k: number): Int32Array {
    const known = this.lists.get(e)
    if (known !== undefined && k < known.filed) return known.of
    const of = dependenciesOf(ix, e)
    this.lists.set(e, { filed: ix.eventPosition.length, of })
    return of
  }
}

/** The entities linked to `e` by identifications, either way and transitively, `e` first. */
const linkedTo = (ix: LedgerIndex, e: number): ReadonlyArray<number> => {
  if (ix.entityIdentified.get(e) === 0) return [e]
  const seen = new Set<number>([e])
  const queue = [e]
  for (let i = 0; i < queue.length; i++)
    for (const row of ix.entityRows.items(queue[i] as number)) {
      if (ix.rowTag.get(row) !== tag.Identified) continue
      for (const other of [ix.rowA.get(row), ix.rowB.get(row)])
        if (!seen.has(other)) {
          seen.add(other)
          queue.push(other)
        }
    }
  return queue
}

/** The entities a claim row names by its value or its account, as recorded or as corrected. */
const namedBy = (ix: LedgerIndex, row: number, named: Set<number>): void => {
  const name = (id: string) => {
    const x = ix.entities.find(id)
    if (x >= 0) named.add(x)
  }
  const read = (value: number, prov: number) => {
    if (value >= 0 && ix.values.namesEntities(value))
      entitiesOfValue(ix.values.value(value)).forEach(name)
    if (prov !== noProvenance) ix.values.provenances.get(prov).account?.by.forEach(name)
  }
  read(ix.rowValue.get(row), ix.rowProv.get(row))
  const r = ix.rowRelease.get(row)
  const i = row - ix.releaseFirstRow.get(r)
  for (let g = ix.releaseLastGen.get(r); g >= 0; g = ix.genPrev.get(g)) {
    const payload = ix.genCorrectsChanges.get(g) === 1 ? ix.genChanges.get(g) : undefined
    if (payload !== undefined) read(payload.value[i] as number, payload.prov[i] as number)
  }
}

const dependenciesOf = (ix: LedgerIndex, e: number): Int32Array => {
  const releases = new Set<number>()
  const named = new Set<number>()
  const showings = (x: number) => {
    for (const row of ix.entityRows.items(x)) releases.add(ix.rowRelease.get(row))
  }
  for (const m of linkedTo(ix, e)) {
    showings(m)
    for (const c of new Set(ix.entityAsserts.items(m).map((row) => ix.rowA.get(row)))) {
      for (const row of ix.claimRows.items(c)) {
        releases.add(ix.rowRelease.get(row))
        namedBy(ix, row, named)
      }
      for (const row of ix.claimSettles.items(c)) releases.add(ix.rowRelease.get(row))
    }
  }
  for (const x of named) for (const m of linkedTo(ix, x)) showings(m)
  return Int32Array.from(releases).sort()
}
