import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { entityId } from '../../../src/domain/ids'
import type { LedgerDeps } from '../../../src/app/ledger'
import { readLedger, streamOf, toNewEvent } from '../../../src/app/ledger'
import { describeAppError } from '../../../src/app/errors'
import { indexedReaders } from '../../../src/app/indexedReader'
import { buildReader } from '../../../src/app/reads'
import { startFromSnapshot } from '../../../src/app/indexSnapshots'
import { seal } from '../../../src/app/snapshotSeal'
import { snapshotSeal } from '../../../src/main/openStore'
import { expectAfter } from '../../../src/store/port'
import { indexedReader } from '../../../projections/indexed/reader'
import { snapshotFormat } from '../../../projections/indexed/snapshot'
import { referenceReader } from '../../../projections/reference/reader'
import type { CanonReader } from '../../../projections/port/reader'
import { freshDeps, givenBundledArc } from '../../support/bundledLedger'
import { storeContents } from '../../support/storeContents'

/** The indexed reader built from the store, page by page as stored. */
const buildIndexedReader = (deps: LedgerDeps) => buildReader({ ...deps, readers: indexedReaders })

/** A sealed snapshot file's bytes, as `canon snapshot` writes them. */
const sealed = (body: Uint8Array): Uint8Array => seal(body, snapshotSeal.digest)

/** A server's start from a snapshot file, with no anchors. */
const readerFromSnapshot = (deps: LedgerDeps, file: Uint8Array) =>
  TE.map((start: { readonly reader: CanonReader }) => start.reader)(
    startFromSnapshot(deps, snapshotSeal, 'ledger.index', file, []),
  )

const recorded = async (deps: LedgerDeps) => {
  const r = await readLedger(deps)()
  if (E.isLeft(r)) throw new Error(describeAppError(r.left))
  return r.right
}

/** A few reads of the arc, the same whichever reader answers them. */
const readsOf = (reader: CanonReader) => {
  const latest = { release: { _tag: 'Latest' as const }, policy: allSources }
  return [
    reader.head,
    reader.entity({ entity: 'event/mars-attack', at: latest }),
    reader.entity({ entity: 'Commodore Oh', at: { ...latest, policy: onScreenOnly } }),
    reader.history({ at: latest, entity: entityId('event/mars-attack'), page: { limit: 1000 } }),
    reader.releases({ at: latest, page: { limit: 1000 } }),
    reader.search({ text: 'utopia', at: latest }),
  ]
}

describe('given the bundled arc in a store', () => {
  describe('when the indexed reader is built from the store, page by page as stored', () => {
    it('then it answers as the reference reader of the decoded events', async () => {
      const deps = await givenBundledArc()
      const built = await buildIndexedReader(deps)()
      if (E.isLeft(built)) throw new Error(describeAppError(built.left))
      expect(readsOf(built.right)).toEqual(readsOf(referenceReader(await recorded(deps))))
    })
  })

  describe('when a reader is restored from a snapshot of part of the ledger', () => {
    it('then it is brought up to the head and answers as a reader of the whole ledger', async () => {
      const deps = await givenBundledArc()
      const events = await recorded(deps)
      const body = indexedReader(events.slice(0, Math.floor(events.length / 2))).snapshot()
      const restored = await readerFromSnapshot(deps, sealed(body))()
      if (E.isLeft(restored)) throw new Error(describeAppError(restored.left))
      expect(readsOf(restored.right)).toEqual(readsOf(indexedReader(events)))
    })
  })

  describe('when the snapshot is of another ledger, of an older format, or not a snapshot at all', () => {
    it('then it is refused, saying which, and the ledger is left as it was', async () => {
      const deps = await givenBundledArc()
      const before = await storeContents(deps.store)
      const other = await givenBundledArc(freshDeps())
      const otherEvents = await recorded(other)
      // Another ledger: the same arc, but a different last event where the snapshot ends.
      const foreign = indexedReader([
        ...otherEvents.slice(0, 2),
        { ...(otherEvents[2] as (typeof otherEvents)[number]), hash: 'not-this-ledger' },
      ]).snapshot()
      const refused = await readerFromSnapshot(deps, sealed(foreign))()
      expect(E.isLeft(refused) && refused.left).toMatchObject({
        _tag: 'InvalidInput',
        source: 'ledger.index',
      })
      expect(E.isLeft(refused) && describeAppError(refused.left)).toMatch(
        /at ledger position 2 it names event hash not-this-led…, and this ledger holds [0-9a-f]{12}…: it is of another ledger/,
      )
      const unsealed = await readerFromSnapshot(deps, indexedReader(otherEvents).snapshot())()
      expect(E.isLeft(unsealed) && describeAppError(unsealed.left)).toMatch(
        /it is not a canon-ledger snapshot \(it does not start with/,
      )
      const garbage = await readerFromSnapshot(deps, sealed(new TextEncoder().encode('x')))()
      expect(E.isLeft(garbage) && garbage.left).toMatchObject({
        _tag: 'InvalidInput',
        problems: ['it is not an index snapshot of canon-ledger'],
      })
      // A body of the format before changes in the story, accounts and calendars: its columns
      // would be misread (row kinds were renumbered), so it is refused, never read.
      const older = indexedReader(await recorded(deps)).snapshot()
      new DataView(older.buffer, older.byteOffset).setUint32(8, snapshotFormat - 1, true)
      const stale = await readerFromSnapshot(deps, sealed(older))()
      expect(E.isLeft(stale) && stale.left).toMatchObject({
        _tag: 'InvalidInput',
        problems: [
          `it is an index snapshot of format ${snapshotFormat - 1}; this version reads format ${snapshotFormat}: take a new snapshot`,
        ],
      })
      expect(await storeContents(deps.store)).toBe(before)
    })
  })
})

describe('given a store holding an event that is not a ledger event', () => {
  describe('when the indexed reader is built from it', () => {
    it('then the event is named by position with the codecs’ reasons, and nothing is written', async () => {
      const deps = await givenBundledArc()
      const events = await recorded(deps)
      const last = events[events.length - 1]
      if (last === undefined) throw new Error('an empty arc')
      const bad = toNewEvent({
        ...last,
        position: last.position + 1n,
        event: { _tag: 'EntryCorrected', correction: { id: 'x' } } as never,
      })
      const appended = await deps.store.appendToStream(
        streamOf(deps.universe),
        expectAfter(BigInt(events.length)),
        [bad],
      )()
      expect(E.isRight(appended)).toBe(true)
      const before = await storeContents(deps.store)
      const built = await buildIndexedReader(deps)()
      expect(E.isLeft(built) && built.left).toMatchObject({
        _tag: 'CorruptEvent',
        position: last.position + 1n,
      })
      expect(await storeContents(deps.store)).toBe(before)
    })
  })
})
