import type { EntityId } from '../src/domain/ids'
import type { EntityRecord, TemporalIndex } from './temporalIndexTypes'

/**
 * What a lazily restored index still has to materialize (see temporalSnapshot.ts): an entity
 * on first reach, or everything at once. An index built from events has nothing pending.
 */
export interface Pending {
  readonly entity: (id: EntityId) => EntityRecord | undefined
  readonly all: () => void
  /** Materializes up to `n` more entities (then what no entity lists); true once nothing is left. */
  readonly some: (n: number) => boolean
}

const pendingOf = new WeakMap<TemporalIndex, Pending>()

export const setPending = (ix: TemporalIndex, pending: Pending): void => {
  pendingOf.set(ix, pending)
}

/** The entity's record, materializing it first if the index was restored lazily. */
export const entityRecordOf = (ix: TemporalIndex, id: EntityId): EntityRecord | undefined =>
  ix.entities.get(id) ?? pendingOf.get(ix)?.entity(id)

/** Materializes every record a lazy restore has left for later (a no-op otherwise). */
export const materializeAll = (ix: TemporalIndex): TemporalIndex => {
  const pending = pendingOf.get(ix)
  pendingOf.delete(ix)
  pending?.all()
  return ix
}

/**
 * Materializes up to `n` more entities of a lazily restored index: a shell calls it between
 * requests so that the index is whole before the next event needs it. True once nothing is left.
 */
export const materializeSome = (ix: TemporalIndex, n: number): boolean => {
  const pending = pendingOf.get(ix)
  if (pending === undefined) return true
  if (!pending.some(n)) return false
  pendingOf.delete(ix)
  return true
}

/** Whether every record is in memory (an index built from events always is). */
export const isMaterialized = (ix: TemporalIndex): boolean => !pendingOf.has(ix)
