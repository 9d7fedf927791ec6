import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { onScreenOnly } from '../../../src/domain/canonPolicy'
import { releaseId } from '../../../src/domain/ids'
import type { LedgerDeps } from '../../../src/app/ledger'
import { readLedger } from '../../../src/app/ledger'
import { describeAppError } from '../../../src/app/errors'
import type { LedgerReader } from '../../../src/app/readModel'
import { readerOf } from '../../../src/app/readModel'
import { checkSnapshot, restoreReader, takeSnapshot } from '../../../src/app/indexSnapshot'
import { asOfRelease, latest } from '../../../projections/cut'
import { snapshotSeal } from '../../../src/main/openStore'
import { freshDeps, givenBundledArc, importBundledCatalog } from '../../support/bundledLedger'

/**
 * Snapshots of the temporal index through the use cases: a reader restored from one answers as
 * a reader over the ledger, a snapshot the ledger has moved past is extended, and a snapshot of
 * another ledger is refused saying so.
 */

const right = async <A>(te: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const r = await te()
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}

const ledgerOf = async (deps: LedgerDeps) => right(readLedger(deps))

const questions = [
  { entity: 'event/mars-attack', cut: asOfRelease(releaseId('pic-s1e01')), policy: onScreenOnly },
  { entity: 'event/mars-attack', cut: asOfRelease(releaseId('pro-s2e20')), policy: onScreenOnly },
  { entity: 'Commodore Oh', cut: latest, policy: onScreenOnly },
  { entity: 'person/nobody', cut: latest, policy: onScreenOnly },
]

const sameAnswers = (a: LedgerReader, b: LedgerReader): void => {
  for (const q of questions)
    expect(JSON.stringify(a.entityAsOf(q))).toBe(JSON.stringify(b.entityAsOf(q)))
  expect(JSON.stringify(a.releases({ cut: latest, policy: onScreenOnly }))).toBe(
    JSON.stringify(b.releases({ cut: latest, policy: onScreenOnly })),
  )
}

describe('given the bundled Mars Attack ledger and a snapshot of its index', () => {
  it('when a reader is restored from it, then it answers as a reader over the ledger, with nothing to extend', async () => {
    const deps = await givenBundledArc()
    const taken = await right(takeSnapshot(deps, snapshotSeal))
    const recorded = await ledgerOf(deps)
    expect(taken.position).toBe(recorded[recorded.length - 1]?.position)
    const restored = await right(restoreReader(deps, 'arc.snapshot', taken.bytes, snapshotSeal))
    expect(restored.fit).toEqual({ position: taken.position, behind: 0 })
    sameAnswers(restored.reader, readerOf(recorded))
  })

  it('when the ledger has moved on since, then the restored reader is extended and answers as the whole ledger', async () => {
    const deps = await givenBundledArc()
    const taken = await right(takeSnapshot(deps, snapshotSeal))
    await importBundledCatalog(deps)
    const recorded = await ledgerOf(deps)
    const restored = await right(restoreReader(deps, 'arc.snapshot', taken.bytes, snapshotSeal))
    expect(restored.fit.behind).toBe(recorded.length - 1 - Number(taken.position))
    expect(restored.fit.behind).toBeGreaterThan(0)
    sameAnswers(restored.reader, readerOf(recorded))
    const checked = await right(checkSnapshot(deps, 'arc.snapshot', taken.bytes, snapshotSeal))
    expect(checked).toEqual({ ...restored.fit, matches: true })
  })

  it('when it is restored on another ledger, then it is refused naming the file and why, and nothing is written', async () => {
    const arc = await givenBundledArc()
    const taken = await right(takeSnapshot(arc, snapshotSeal))
    const other = freshDeps()
    await importBundledCatalog(other)
    const before = await ledgerOf(other)
    const refused = await restoreReader(other, 'arc.snapshot', taken.bytes, snapshotSeal)()
    expect(E.isLeft(refused)).toBe(true)
    if (E.isRight(refused)) return
    expect(refused.left._tag).toBe('Untrusted')
    expect(describeAppError(refused.left)).toMatch(
      /^the ledger cannot be trusted: snapshot arc\.snapshot names hash [0-9a-f]{12}… at position \d+, and this ledger holds [0-9a-f]{12}… there: it was rewritten, or it is another ledger$/,
    )
    expect(await ledgerOf(other)).toEqual(before)
  })

  it('when it is checked on a shorter ledger, then it is refused saying that ledger has no event there', async () => {
    const arc = await givenBundledArc()
    const taken = await right(takeSnapshot(arc, snapshotSeal))
    const refused = await checkSnapshot(freshDeps(), 'arc.snapshot', taken.bytes, snapshotSeal)()
    expect(E.isLeft(refused) && describeAppError(refused.left)).toBe(
      `the ledger cannot be trusted: snapshot arc.snapshot says the ledger reached position ${taken.position}, but this ledger is empty: it lost events (cut off, or a lost SQLite -wal file), or it is another ledger`,
    )
  })

  it('when its bytes are cut short, then it is refused as truncated', async () => {
    const deps = await givenBundledArc()
    const taken = await right(takeSnapshot(deps, snapshotSeal))
    const refused = await restoreReader(
      deps,
      'arc.snapshot',
      taken.bytes.subarray(0, 100),
      snapshotSeal,
    )()
    expect(E.isLeft(refused) && describeAppError(refused.left)).toMatch(
      /^arc\.snapshot is invalid:/,
    )
  })
})

describe('given a sealed snapshot file', () => {
  const refusal = async (bytes: Uint8Array) => {
    const deps = await givenBundledArc()
    const refused = await restoreReader(deps, 'arc.snapshot', bytes, snapshotSeal)()
    expect(E.isLeft(refused) && refused.left._tag).toBe('InvalidInput')
    return E.isLeft(refused) ? describeAppError(refused.left) : ''
  }

  it('when one byte of the index header inside it is changed, then it is refused for its SHA-256, before the index reads it', async () => {
    const taken = await right(takeSnapshot(await givenBundledArc(), snapshotSeal))
    const bytes = Uint8Array.from(taken.bytes)
    // A release title in the index's header: its CRC covers only the body, so before the seal
    // this change was read as the ledger's own words.
    const at = Buffer.from(bytes).indexOf('"title":"Remembrance"') + '"title":"'.length
    expect(at).toBeGreaterThan(100)
    bytes[at] = 'X'.charCodeAt(0)
    expect(await refusal(bytes)).toMatch(
      /^arc\.snapshot is invalid:\n {2}- its SHA-256 is [0-9a-f]{16}…, and its seal says [0-9a-f]{16}…: it was altered or damaged; write a new one with 'canon snapshot'$/,
    )
  })

  it('when it is the unsealed form older versions wrote, then it is refused, saying to write a new one', async () => {
    const taken = await right(takeSnapshot(await givenBundledArc(), snapshotSeal))
    const bytes = taken.bytes
    const inner = bytes.subarray(bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1)
    expect(await refusal(inner)).toMatch(/it is not sealed with a SHA-256 .*write a new one/)
  })

  it('when bytes are added after it, then it is refused as cut short or added to', async () => {
    const taken = await right(takeSnapshot(await givenBundledArc(), snapshotSeal))
    const longer = new Uint8Array(taken.bytes.length + 1)
    longer.set(taken.bytes)
    expect(await refusal(longer)).toMatch(/it was cut short or added to/)
  })
})
