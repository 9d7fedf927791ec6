import type { Release } from '../../src/domain/release'
import type { ReleaseRef, ValidityAnswer, ValueAnswer } from '../port/answers'
import type { Naming } from '../answers/naming'
import { releaseRefs } from '../answers/naming'
import { releaseRef } from '../answers/releaseRef'
import { renderValidity, renderValue } from '../answers/values'
import type { LedgerIndex } from './ledgerIndex'

/**
 * Pieces of answers that are the same at every cut, rendered once by the shared renderers
 * (`projections/answers`) and kept with the index: a generation's release reference, a value
 * that names no entity, a validity. A value that names an entity is rendered per cut.
 */
export const genRef = (ix: LedgerIndex, g: number): ReleaseRef => {
  let ref = ix.rendered.genRefs[g]
  if (ref === undefined) {
    ref = releaseRef(ix.genContent[g] as Release)
    ix.rendered.genRefs[g] = ref
  }
  return ref
}

const namesNothing: Naming = {
  nameOf: () => undefined,
  rootOf: (id) => id,
  release: releaseRefs([]),
}

/**
 * A value at the cut. One that names no entity is rendered once and kept; one that names an
 * entity is rendered through the cut's naming (`naming`: made when first needed).
 */
export const valueAnswer = (ix: LedgerIndex, v: number, naming: () => Naming): ValueAnswer => {
  if (ix.values.namesEntities(v)) return renderValue(naming(), ix.values.value(v))
  let answer = ix.rendered.values[v]
  if (answer === undefined) {
    answer = renderValue(namesNothing, ix.values.value(v))
    ix.rendered.values[v] = answer
  }
  return answer
}

export const validityAnswer = (ix: LedgerIndex, v: number): ValidityAnswer => {
  let answer = ix.rendered.validities[v]
  if (answer === undefined) {
    answer = renderValidity(ix.values.validities.get(v))
    ix.rendered.validities[v] = answer
  }
  return answer
}
