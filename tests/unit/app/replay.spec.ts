import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { isoDate } from '../../../src/domain/calendarDate'
import { releaseId } from '../../../src/domain/ids'
import type { Recorded } from '../../../src/domain/events'
import type { LedgerDeps } from '../../../src/app/ledger'
import { readLedger } from '../../../src/app/ledger'
import type { AppError } from '../../../src/app/errors'
import { describeAppError } from '../../../src/app/errors'
import type { ReplayProgress, ReplaySummary } from '../../../src/app/replay'
import { replayEverything, replayLedger } from '../../../src/app/replay'
import type { Cut } from '../../../projections/port/cut'
import { asOfDate, asOfRelease, latest } from '../../../projections/port/cut'
import { referenceReader } from '../../../projections/reference/reader'
import { givenBundledArc, importBundledCatalog } from '../../support/bundledLedger'
import { storeContents } from '../../support/storeContents'

/**
 * Replay of the bundled Star Trek ledger (the real authoring files on a memory store). What a
 * summary must say comes from the reference reader (the definition of canon), never from
 * numbers written here.
 */
const recordedOf = async (deps: LedgerDeps): Promise<ReadonlyArray<Recorded>> => {
  const r = await readLedger(deps)()
  if (E.isLeft(r)) throw new Error(describeAppError(r.left))
  return r.right
}

const replayed = async (
  deps: LedgerDeps,
  at: Cut = replayEverything,
  onProgress?: (p: ReplayProgress) => void,
): Promise<ReplaySummary> => {
  const r = await replayLedger(deps, at, onProgress)()
  if (E.isLeft(r)) throw new Error(`replay refused: ${describeAppError(r.left)}`)
  return r.right
}

const refused = async (deps: LedgerDeps, at: Cut): Promise<AppError> => {
  const r = await replayLedger(deps, at)()
  if (E.isRight(r)) throw new Error('replay was expected to be refused')
  return r.left
}

/** What the reference reader says of the releases at the cut. */
const referenceAt = (recorded: ReadonlyArray<Recorded>, at: Cut) => {
  const answer = referenceReader(recorded).releases({ at, page: { limit: 1 } })
  if (E.isLeft(answer)) throw new Error('the reference refused the cut')
  const { total, byTier, bySeries } = answer.right
  return { at: answer.right.at, releases: { total, byTier, bySeries } }
}

const said = (s: ReplaySummary) => ({ at: s.at, releases: s.releases })

describe('replayLedger', () => {
  describe('given the bundled Star Trek ledger', () => {
    it('when replayed as of each of its releases, under both policies, then it says what the reference reader says there', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      const ids = recorded.flatMap((r) =>
        r.event._tag === 'ReleaseRecorded' ? [r.event.release.id] : [],
      )
      for (const id of ids)
        for (const policy of [onScreenOnly, allSources]) {
          const at: Cut = { release: asOfRelease(id), policy }
          expect(said(await replayed(deps, at)), id).toEqual(referenceAt(recorded, at))
        }
    })

    it('when replayed with no cut, then it is the whole ledger under every source', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      const summary = await replayed(deps)
      expect(summary.events).toBe(recorded.length)
      expect(summary.at).toMatchObject({ policy: 'all', cut: latest })
      expect(said(summary)).toEqual(referenceAt(recorded, replayEverything))
    })

    it('when replayed at each ledger position, then it replays the ledger as it stood there', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      for (const r of recorded) {
        const at: Cut = { ...replayEverything, ledgerPosition: r.position }
        const summary = await replayed(deps, at)
        expect(summary.at.ledgerPosition).toBe(r.position.toString())
        expect(said(summary)).toEqual(referenceAt(recorded, at))
      }
    })

    it('when replayed as of a date, then it stands at that date', async () => {
      const deps = await givenBundledArc()
      const at: Cut = { release: asOfDate(isoDate('2021-01-01')), policy: onScreenOnly }
      const summary = await replayed(deps, at)
      expect(said(summary)).toEqual(referenceAt(await recordedOf(deps), at))
      expect(summary.at.lastRelease?.id).toBe('pic-s1e10')
    })

    it('when replayed, then read progress climbs to every event and the reader is reported built after it', async () => {
      const deps = await givenBundledArc()
      const seen: ReplayProgress[] = []
      const summary = await replayed(deps, replayEverything, (p) => seen.push(p))
      const reads = seen.flatMap((p) => (p.phase === 'read' ? [p.done] : []))
      expect(reads.at(-1)).toBe(summary.events)
      expect([...reads].sort((a, b) => a - b)).toEqual(reads)
      expect(seen.filter((p) => p.phase === 'built')).toEqual([{ phase: 'built' }])
      expect(seen.at(-1)).toEqual({ phase: 'built' })
    })
  })

  describe('given the bundled ledger with the 1966-2005 episode list and its catalog corrections', () => {
    it('when replayed at cuts across it and at an earlier ledger position, then it says what the reference says', async () => {
      const deps = await givenBundledArc()
      await importBundledCatalog(deps)
      const recorded = await recordedOf(deps)
      const ids = recorded.flatMap((r) =>
        r.event._tag === 'ReleaseRecorded' ? [r.event.release.id] : [],
      )
      expect(ids.length).toBeGreaterThan(500)
      const sample = [0, Math.floor(ids.length / 3), Math.floor((2 * ids.length) / 3)].map(
        (i) => ids[i] as (typeof ids)[number],
      )
      for (const release of [latest, ...sample.map(asOfRelease)])
        for (const policy of [onScreenOnly, allSources]) {
          const at: Cut = { release, policy }
          expect(said(await replayed(deps, at))).toEqual(referenceAt(recorded, at))
        }
      const middle = recorded[Math.floor(recorded.length / 2)]?.position ?? 0n
      const at: Cut = { ...replayEverything, ledgerPosition: middle }
      expect(said(await replayed(deps, at))).toEqual(referenceAt(recorded, at))
    })
  })

  describe('given a cut the ledger cannot give', () => {
    it('when the release is unknown, then replay is refused naming it with suggestions, and the store is unchanged', async () => {
      const deps = await givenBundledArc()
      const before = await storeContents(deps.store)
      const e = await refused(deps, {
        release: asOfRelease(releaseId('pic-s1e1')),
        policy: allSources,
      })
      expect(e).toMatchObject({ _tag: 'NotFound', kind: 'release', what: "release 'pic-s1e1'" })
      expect(e._tag === 'NotFound' ? e.suggestions : []).toContain('pic-s1e01')
      expect(await storeContents(deps.store)).toBe(before)
    })

    it('when the ledger position is beyond the head, then replay is refused naming both, and the store is unchanged', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      const before = await storeContents(deps.store)
      const beyond = BigInt(recorded.length)
      const e = await refused(deps, { ...replayEverything, ledgerPosition: beyond })
      expect(e).toMatchObject({ _tag: 'InvalidQuery', field: 'ledgerPosition' })
      expect(describeAppError(e)).toContain(
        `position ${beyond} is past the ledger's head, position ${beyond - 1n}`,
      )
      expect(await storeContents(deps.store)).toBe(before)
    })
  })
})
