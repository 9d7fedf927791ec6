import type { EntityId } from '../src/domain/ids'
import type { EntityRecord, TemporalIndex } from './temporalIndexTypes'

/**
 * What a lazily restored index still has to materialize (see temporalSnapshot.ts): an entity
 * on first reach, or everything at once. An index built from events has nothing pending.
 */
export interface Pending {
  readonly entity: (id: EntityId) => EntityRecord | undefined
  readonly all: () => void
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
