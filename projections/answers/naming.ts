import type { EntityId, ReleaseId } from '../../src/domain/ids'
import type { ReleaseRef } from '../port/answers'
import type { ReleaseView } from '../reference/ledgerView'
import { releaseRef } from './releaseRef'

/**
 * How an answer names what it mentions, at its cut: an entity by its name there (undefined:
 * the cut does not admit it, and it must not be named), the entity it is identified into, and
 * a release by its reference. Every answer is rendered through one of these, so it can only
 * name what its cut admits.
 */
export interface Naming {
  readonly nameOf: (id: EntityId) => string | undefined
  readonly rootOf: (id: EntityId) => EntityId
  readonly release: (id: ReleaseId) => ReleaseRef
}

/** Refs of the releases an answer may cite; an id outside them is cited by its id alone. */
export const releaseRefs = (releases: ReadonlyArray<ReleaseView>): Naming['release'] => {
  const byId = new Map(releases.map((r) => [r.release.id as string, releaseRef(r.release)]))
  return (id) =>
    byId.get(id) ?? {
      id,
      title: id,
      series: '',
      kind: '',
      tier: 'on-screen',
      date: '',
      sequence: 0,
    }
}
