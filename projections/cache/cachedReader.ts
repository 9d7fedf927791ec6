import * as E from 'fp-ts/Either'
import type { Recorded } from '../../src/domain/events'
import type { CutAnswer, EntityAnswer } from '../port/answers'
import type { ReadError } from '../port/errors'
import type { EntityQuery } from '../port/queries'
import type { CanonReader } from '../port/reader'

/**
 * Which version of an entity's answer a query reads, as a reader can tell without building the
 * answer: two queries whose keys are equal get the same `entity` and `facts`. The rest of the
 * answer (where the cut stands, what the query matched) is given with it.
 */
export interface EntityVersion {
  readonly key: string
  readonly at: CutAnswer
  readonly matched: EntityAnswer['matched']
}

/** A reader that can tell the version of an entity's answer (the indexed reader can). */
export interface VersionedReader extends CanonReader {
  /** Refused exactly as `entity` refuses the same query. */
  readonly entityVersion: (q: EntityQuery) => E.Either<ReadError, EntityVersion>
  readonly extend: (events: ReadonlyArray<Recorded>) => VersionedReader
}

export interface CacheOptions {
  /** How many entity answers are kept (the least recently read go first). */
  readonly capacity: number
}

/**
 * The part of an entity's answer a version determines, whether it was read since kept, and its
 * JSON once asked for (the answer's text is then that and the per-query part, joined).
 */
interface Kept {
  readonly entity: EntityAnswer['entity']
  readonly facts: EntityAnswer['facts']
  read: boolean
  text?: string
}

/** A cached reader also gives an entity's answer as JSON, its shared part serialized once. */
export interface CachedReader extends VersionedReader {
  /** `JSON.stringify` of what `entity` answers, the same text. */
  readonly entityText: (q: EntityQuery) => E.Either<ReadError, string>
  readonly extend: (events: ReadonlyArray<Recorded>) => CachedReader
}

/**
 * A reader whose entity answers are kept, at most `capacity` of them, keyed by the entity's
 * version at the cut (`entityVersion`), not by the cut asked: every cut that reads the same
 * versions of an entity's releases shares one answer. Every other read, and every refusal, is
 * the wrapped reader's. When full, the oldest answer not read since it was kept (or since it was
 * last passed over) goes (the second-chance rule: a hit costs a flag, not a move). The cache
 * belongs to this reader value: `extend` gives a reader of the longer ledger with a cache of
 * its own. Kept answers are shared between reads: plain data, read-only.
 */
export const cachedReader = (reader: VersionedReader, options: CacheOptions): CachedReader => {
  const kept = new Map<string, Kept>()
  const evict = (): void => {
    for (const [key, k] of kept) {
      kept.delete(key)
      if (!k.read) return
      k.read = false
      kept.set(key, k)
    }
  }
  /** The kept part of the answer, kept now if it was not; or the refusal. */
  const partOf = (
    q: EntityQuery,
  ): E.Either<ReadError, { readonly version: EntityVersion; readonly part: Kept }> => {
    const version = reader.entityVersion(q)
    if (E.isLeft(version)) return version
    const key = version.right.key
    const hit = kept.get(key)
    if (hit !== undefined) {
      hit.read = true
      return E.right({ version: version.right, part: hit })
    }
    const answer = reader.entity(q)
    if (E.isLeft(answer)) return answer
    const part: Kept = { entity: answer.right.entity, facts: answer.right.facts, read: false }
    if (kept.size >= options.capacity) evict()
    kept.set(key, part)
    return E.right({ version: version.right, part })
  }
  const entity = (q: EntityQuery): E.Either<ReadError, EntityAnswer> => {
    const found = partOf(q)
    if (E.isLeft(found)) return found
    const { version, part } = found.right
    return E.right({
      at: version.at,
      matched: version.matched,
      entity: part.entity,
      facts: part.facts,
    })
  }
  const entityText = (q: EntityQuery): E.Either<ReadError, string> => {
    const found = partOf(q)
    if (E.isLeft(found)) return found
    const { version, part } = found.right
    part.text ??= JSON.stringify({ entity: part.entity, facts: part.facts })
    return E.right(
      `{"at":${JSON.stringify(version.at)},"matched":${JSON.stringify(version.matched)},${part.text.slice(1)}`,
    )
  }
  return {
    head: reader.head,
    entity,
    entityText,
    entityVersion: reader.entityVersion,
    search: reader.search,
    history: reader.history,
    diff: reader.diff,
    timeline: reader.timeline,
    releases: reader.releases,
    extend: (events) => cachedReader(reader.extend(events), options),
  }
}
