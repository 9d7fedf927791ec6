import type { LedgerIndex } from './ledgerIndex'

/**
 * A row's value, validity and provenance as its release reads at generation `g`: the corrected
 * payload when a correction of a change applies to that generation, else the row as recorded.
 */
const indexIn = (ix: LedgerIndex, row: number): number =>
  row - ix.releaseFirstRow.get(ix.rowRelease.get(row))

const payloadOf = (ix: LedgerIndex, g: number) =>
  ix.genCorrectsChanges.get(g) === 0 ? undefined : ix.genChanges.get(g)

export const valueAt = (ix: LedgerIndex, row: number, g: number): number => {
  const p = payloadOf(ix, g)
  return p === undefined ? ix.rowValue.get(row) : (p.value[indexIn(ix, row)] as number)
}

export const validAt = (ix: LedgerIndex, row: number, g: number): number => {
  const p = payloadOf(ix, g)
  return p === undefined ? ix.rowValid.get(row) : (p.valid[indexIn(ix, row)] as number)
}

export const provAt = (ix: LedgerIndex, row: number, g: number): number => {
  const p = payloadOf(ix, g)
  return p === undefined ? ix.rowProv.get(row) : (p.prov[indexIn(ix, row)] as number)
}
