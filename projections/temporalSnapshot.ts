import * as E from 'fp-ts/Either'
import type { Change } from '../src/domain/change'
import type { Recorded } from '../src/domain/events'
import type { ClaimId, EntityId, ReleaseId } from '../src/domain/ids'
import type { Release } from '../src/domain/release'
import type { ReleaseView } from './ledgerView'
import type {
  ChangeRef,
  ClaimRecord,
  EntityRecord,
  ReleaseGen,
  ReleaseRecord,
  TemporalIndex,
} from './temporalIndexTypes'
import { addOwner, buildIndex, claimRecordOf } from './temporalIndex'
import { claimHead, entityHead, factTable } from './temporalIndexSteps'
import { materializeAll, setPending } from './temporalIndexLazy'

/**
 * A snapshot of the temporal index with the ledger position it reflects, laid out so that a
 * restore is lazy: one header (releases without their changes, corrections, and a directory of
 * entities) and a body of JSON chunks, one per release content and one per entity. Restoring
 * reads the header only; an entity is materialized (its records linked, its versions folded)
 * the first time a query reaches it, and a release's changes are parsed the first time a step
 * reads them. `materializeAll` finishes the job (before extending the index with new events).
 *
 * File: the format line, the header JSON on one line, then the body bytes. The body's checksum
 * function is injected (the composition root passes zlib's CRC-32), which keeps this module pure.
 */
export type Checksum = (bytes: Uint8Array) => number

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const concat = (parts: ReadonlyArray<Uint8Array>): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
const snapshotFamily = 'canon-ledger/temporal-index@'
export const snapshotFormat = `${snapshotFamily}3`

type Slice = readonly [offset: number, length: number]
type SettleJson = readonly [ref: ChangeRef, settler: ClaimId]
/** A claim as its entity's chunk lists it. */
type ClaimJson = readonly [
  id: ClaimId,
  predicate: string,
  last: number,
  refs: ReadonlyArray<ChangeRef>,
  settles: ReadonlyArray<SettleJson>,
  owned: 0 | 1,
]
interface EntityJson {
  readonly last: number
  readonly refs: ReadonlyArray<ChangeRef>
  readonly claims: ReadonlyArray<ClaimJson>
}

interface GenJson {
  readonly from: number
  readonly withdrawn: boolean
  readonly release: Release
  readonly changes: Slice
  readonly position: string
  readonly recordedAt: string
  readonly key: string
  /** The entry as first recorded, when a correction changed it (else it reads as recorded). */
  readonly recorded: { readonly release: Release; readonly changes: Slice } | null
  readonly corrections: ReadonlyArray<number>
}

interface Header {
  readonly position: number
  /** The hash of the ledger's event at `position`: a restore checks it against the store. */
  readonly headHash: string
  readonly corrections: TemporalIndex['corrections']
  readonly releases: ReadonlyArray<{
    readonly id: ReleaseId
    readonly gens: ReadonlyArray<GenJson>
  }>
  readonly entities: ReadonlyArray<readonly [EntityId, number, number]>
  /** Claims no entity lists (revised or settled, never asserted): materialized with the rest. */
  readonly orphans: Slice
  /** The body's length and checksum, checked on restore: a lazy read later must not find it broken. */
  readonly body: { readonly bytes: number; readonly checksum: number }
}

export interface SnapshotError {
  readonly reason: string
}

/** Serializes a whole index (materializing a lazily restored one first). */
export const toSnapshot = (ix: TemporalIndex, checksum: Checksum): Uint8Array => {
  materializeAll(ix)
  // The body is encoded into a few large blocks, not one buffer per chunk: tens of thousands of
  // small ArrayBuffers make the engine collect its whole heap again and again.
  const blockSize = 1 << 24
  const chunks: Uint8Array[] = []
  let block = new Uint8Array(blockSize)
  let used = 0
  let size = 0
  const put = (value: unknown): Slice => {
    const text = JSON.stringify(value)
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (text.length * 3 > block.length - used) {
      if (used > 0) chunks.push(block.subarray(0, used))
      block = new Uint8Array(Math.max(blockSize, text.length * 3))
      used = 0
    }
    const { written } = encoder.encodeInto(text, block.subarray(used))
    used += written
    size += written
    return [size - written, written]
  }
  const correctionIndex = new Map(ix.corrections.map((c, i) => [c.correction, i]))
  const sliceOf = new Map<ReadonlyArray<Change>, Slice>()
  const changesOf = (changes: ReadonlyArray<Change>): Slice => {
    const known = sliceOf.get(changes)
    if (known !== undefined) return known
    const slice = put(changes)
    sliceOf.set(changes, slice)
    return slice
  }
  const releases = ix.releaseList.map((r) => ({
    id: r.id,
    gens: r.gens.map((g): GenJson => ({
      from: g.from,
      withdrawn: g.withdrawn,
      release: g.view.release,
      changes: changesOf(g.view.changes),
      position: String(g.view.position),
      recordedAt: g.view.recordedAt,
      key: g.view.key,
      recorded:
        g.view.recorded.release === g.view.release && g.view.recorded.changes === g.view.changes
          ? null
          : { release: g.view.recorded.release, changes: changesOf(g.view.recorded.changes) },
      corrections: g.view.corrections.map((c) => correctionIndex.get(c.correction) ?? -1),
    })),
  }))
  const claimJson = (c: ClaimRecord, owned: boolean): ClaimJson => [
    c.id,
    c.predicate,
    c.last,
    c.refs,
    c.settleRefs.map((s): SettleJson => [s.ref, s.settler.id]),
    owned ? 1 : 0,
  ]
  const listed = new Set<ClaimRecord>()
  const byId = <T extends { readonly id: string }>(a: T, b: T): number =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  const entities = [...ix.entities.values()]
    .sort(byId)
    .map((e): readonly [EntityId, number, number] => {
      for (const c of e.claims) listed.add(c)
      const json: EntityJson = {
        last: e.last,
        refs: e.refs,
        claims: e.claims.map((c) => claimJson(c, c.owner === e)),
      }
      return [e.id, ...put(json)]
    })
  const orphans = put(
    [...ix.claims.values()]
      .filter((c) => !listed.has(c))
      .sort(byId)
      .map((c) => claimJson(c, false)),
  )
  if (used > 0) chunks.push(block.subarray(0, used))
  const body = concat(chunks)
  const header: Header = {
    position: ix.position,
    headHash: ix.headHash,
    corrections: ix.corrections,
    releases,
    entities,
    orphans,
    body: { bytes: body.length, checksum: checksum(body) },
  }
  return concat([encoder.encode(`${snapshotFormat}\n${JSON.stringify(header)}\n`), body])
}

class Broken extends Error {}

const check = (ok: boolean, reason: string): void => {
  if (!ok) throw new Broken(reason)
}

/** Restores an index from snapshot bytes: the header now, everything else when first read. */
export const fromSnapshot = (
  buf: Uint8Array,
  checksum: Checksum,
): E.Either<SnapshotError, TemporalIndex> => {
  try {
    const text = (from: number, to: number): string => decoder.decode(buf.subarray(from, to))
    const first = buf.indexOf(10)
    const second = first < 0 ? -1 : buf.indexOf(10, first + 1)
    const format = first > 0 ? text(0, first) : ''
    check(
      format === snapshotFormat || !format.startsWith(snapshotFamily),
      `it is a ${format} snapshot, and this version reads ${snapshotFormat}: write a new one`,
    )
    check(
      format === snapshotFormat && second > first,
      `not a ${snapshotFormat} snapshot (its first line should name that format)`,
    )
    const header = JSON.parse(text(first + 1, second)) as Header
    check(
      typeof header === 'object' &&
        header !== null &&
        Array.isArray(header.releases) &&
        Array.isArray(header.entities) &&
        Array.isArray(header.corrections) &&
        typeof header.position === 'number' &&
        typeof header.headHash === 'string',
      'its header lacks releases, entities, corrections, a position or a head hash',
    )
    const bodyStart = second + 1
    const body = buf.subarray(bodyStart)
    check(
      typeof header.body === 'object' &&
        header.body !== null &&
        body.length === header.body.bytes &&
        checksum(body) === header.body.checksum,
      `its body is ${body.length} bytes, not the ${String(header.body?.bytes)} its header names, or fails its checksum (truncated or altered)`,
    )
    const parseSlice = <T>([offset, length]: Slice, what: string): T => {
      check(
        Number.isInteger(offset) &&
          Number.isInteger(length) &&
          bodyStart + offset + length <= buf.length,
        `${what} lies outside the snapshot (it is truncated?)`,
      )
      return JSON.parse(text(bodyStart + offset, bodyStart + offset + length)) as T
    }
    return E.right(restore(header, parseSlice))
  } catch (e) {
    return E.left({ reason: e instanceof Error ? e.message : String(e) })
  }
}

/** A release content parsed on first read, once per slice (generations share contents). */
const lazyChanges =
  (parse: <T>(slice: Slice, what: string) => T, parsed: Map<number, ReadonlyArray<Change>>) =>
  (slice: Slice, what: string): (() => ReadonlyArray<Change>) =>
  () => {
    let changes = parsed.get(slice[0])
    if (changes === undefined) {
      changes = parse<ReadonlyArray<Change>>(slice, what)
      parsed.set(slice[0], changes)
    }
    return changes
  }

const restore = (header: Header, parse: <T>(slice: Slice, what: string) => T): TemporalIndex => {
  const ix: TemporalIndex = {
    releases: new Map(),
    releaseList: [],
    claims: new Map(),
    entities: new Map(),
    corrections: header.corrections,
    position: header.position,
    headHash: header.headHash,
  }
  const lazy = lazyChanges(parse, new Map())
  for (const r of header.releases) {
    const gens = r.gens.map((g): ReleaseGen => {
      const changes = lazy(g.changes, `the changes of release '${r.id}'`)
      const recordedChanges =
        g.recorded === null
          ? changes
          : lazy(g.recorded.changes, `the recorded changes of release '${r.id}'`)
      const recorded = {
        release: g.recorded?.release ?? g.release,
        get changes() {
          return recordedChanges()
        },
      }
      const view: ReleaseView = {
        release: g.release,
        get changes() {
          return changes()
        },
        position: BigInt(g.position),
        recordedAt: g.recordedAt,
        key: g.key,
        recorded,
        corrections: g.corrections.map((i) => {
          const c = header.corrections[i]
          check(c !== undefined, `release '${r.id}' names correction ${i}, which is not there`)
          return { ...(c as TemporalIndex['corrections'][number]), position: BigInt(c!.position) }
        }),
      }
      return { from: g.from, withdrawn: g.withdrawn, view }
    })
    const record: ReleaseRecord = { id: r.id, no: ix.releaseList.length, gens }
    ix.releases.set(r.id, record)
    ix.releaseList.push(record)
  }
  const directory = new Map(
    header.entities.map(([id, offset, length]) => [id, [offset, length] as Slice]),
  )
  const filled = new Set<ClaimRecord>()
  const fill = (json: ClaimJson, owner: EntityRecord | undefined): ClaimRecord => {
    const [id, predicate, last, refs, settles, owned] = json
    const c = claimRecordOf(ix, id)
    if (!filled.has(c)) {
      filled.add(c)
      c.refs = refs
      c.predicate = predicate
      c.last = last
      if (settles.length > 0)
        c.settleRefs = settles.map(([ref, settler]) => ({
          ref,
          settler: claimRecordOf(ix, settler),
        }))
    }
    if (owner !== undefined) addOwner(c, owner, owned === 1)
    return c
  }
  const materialize = (id: EntityId): EntityRecord | undefined => {
    const slice = directory.get(id)
    if (slice === undefined) return undefined
    directory.delete(id)
    const json = parse<EntityJson>(slice, `entity '${id}'`)
    const e: EntityRecord = {
      id,
      refs: json.refs,
      claims: [],
      last: json.last,
      head: undefined,
      tables: undefined,
    }
    ix.entities.set(id, e)
    for (const c of json.claims) {
      const record = fill(c, e)
      e.claims.push(record)
    }
    for (const c of e.claims) claimHead(ix, c)
    entityHead(ix, e)
    factTable(ix, e, 'onScreen')
    return e
  }
  let orphansFilled = false
  const fillOrphans = (): void => {
    if (orphansFilled) return
    orphansFilled = true
    for (const c of parse<ReadonlyArray<ClaimJson>>(header.orphans, 'the orphan claims')) {
      const record = fill(c, undefined)
      claimHead(ix, record)
    }
  }
  setPending(ix, {
    entity: materialize,
    all: () => {
      for (const id of [...directory.keys()]) materialize(id)
      fillOrphans()
    },
    some: (n) => {
      let done = 0
      for (const id of directory.keys()) {
        if (done++ >= n) return false
        materialize(id)
      }
      fillOrphans()
      return true
    },
  })
  return ix
}

/** The check that a snapshot is what a full replay of the ledger would build. */
export const snapshotMatchesRebuild = (
  snapshot: Uint8Array,
  events: Iterable<Recorded>,
  checksum: Checksum,
): boolean => {
  const rebuilt = toSnapshot(buildIndex(events), checksum)
  return rebuilt.length === snapshot.length && rebuilt.every((b, i) => b === snapshot[i])
}
