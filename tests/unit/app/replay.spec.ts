import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { isoDate } from '../../../src/domain/calendarDate'
import { releaseId } from '../../../src/domain/ids'
import type { Recorded } from '../../../src/domain/events'
import type { LedgerDeps } from '../../../src/app/ledger'
import { readLedger } from '../../../src/app/ledger'
import { describeAppError } from '../../../src/app/errors'
import type {
  ReplayError,
  ReplayProgress,
  ReplayRequest,
  ReplaySummary,
} from '../../../src/app/replay'
import { replayEverything, replayLedger } from '../../../src/app/replay'
import type { ReleaseCut } from '../../../projections/cut'
import { admittedReleases, asOfDate, asOfRelease, latest } from '../../../projections/cut'
import { ledgerView } from '../../../projections/ledgerView'
import { atCut } from '../../../src/app/cutResolution'
import { givenBundledArc, importBundledCatalog } from '../../support/bundledLedger'

/**
 * Replay of the bundled Star Trek ledger (the real authoring files on a memory store). The
 * expected counts come from THE fold (`atCut`, i.e. `foldCanon` of exactly what the cut
 * admits), never from numbers written here.
 */

const recordedOf = async (deps: LedgerDeps): Promise<ReadonlyArray<Recorded>> => {
  const r = await readLedger(deps)()
  if (E.isLeft(r)) throw new Error(describeAppError(r.left))
  return r.right
}

const storeContents = async (deps: LedgerDeps): Promise<string> => {
  const r = await deps.store.readAll()()
  if (E.isLeft(r)) throw new Error('the store cannot be read')
  return JSON.stringify(r.right, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

const replayed = async (
  deps: LedgerDeps,
  request: ReplayRequest = replayEverything,
  onProgress?: (p: ReplayProgress) => void,
): Promise<ReplaySummary> => {
  const r = await replayLedger(deps, request, onProgress)()
  if (E.isLeft(r)) throw new Error(`replay refused: ${JSON.stringify(r.left)}`)
  return r.right
}

const refused = async (deps: LedgerDeps, request: ReplayRequest): Promise<ReplayError> => {
  const r = await replayLedger(deps, request)()
  if (E.isRight(r)) throw new Error('replay was expected to be refused')
  return r.left
}

/** What the reference fold gives at a cut: entity and claim counts and the last release. */
const foldAt = (
  recorded: ReadonlyArray<Recorded>,
  cut: ReleaseCut,
  policy: CanonPolicy,
  position?: bigint,
) => {
  const at = atCut(ledgerView(recorded, position), cut, policy)
  if (E.isLeft(at)) throw new Error(describeAppError(at.left))
  const state = at.right.state
  return {
    entities: state.entities.size,
    claims: state.claims.size,
    releasesAdmitted: state.releases.length,
    lastRelease: state.releases[state.releases.length - 1]?.release.id ?? null,
  }
}

const countsOf = (s: ReplaySummary) => ({
  entities: s.entities,
  claims: s.claims,
  releasesAdmitted: s.at.releasesAdmitted,
  lastRelease: s.at.lastRelease?.id ?? null,
})

describe('replayLedger', () => {
  describe('given the bundled Star Trek ledger', () => {
    it('when replayed as of each of its releases, under both policies, then the counts are the fold at that cut and the index names as many entities', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      const ids = ledgerView(recorded).releases.map((r) => r.release.id)
      expect(ids.length).toBeGreaterThan(3)
      for (const id of ids)
        for (const policy of [onScreenOnly, allSources]) {
          const cut = asOfRelease(id)
          const summary = await replayed(deps, { cut, policy })
          expect(countsOf(summary), `${id} ${[...policy.admits].join(',')}`).toEqual(
            foldAt(recorded, cut, policy),
          )
          expect(summary.index.entities, id).toBe(summary.entities)
          expect(summary.at.cut).toEqual(cut)
        }
    })

    it('when replayed before and at the article, with every source, then the article adds entities (General Nedar) and the on-screen canon does not change', async () => {
      const deps = await givenBundledArc()
      const before = await replayed(deps, {
        cut: asOfRelease(releaseId('pro-s2e20')),
        policy: allSources,
      })
      const after = await replayed(deps, {
        cut: asOfRelease(releaseId('article-picard-mars-attack-worse')),
        policy: allSources,
      })
      const onScreenAfter = await replayed(deps, {
        cut: asOfRelease(releaseId('article-picard-mars-attack-worse')),
        policy: onScreenOnly,
      })
      expect(before.entities).toBeLessThan(after.entities)
      expect(before.claims).toBeLessThanOrEqual(after.claims)
      expect(onScreenAfter.entities).toBe(before.entities)
      expect(after.at.lastRelease?.id).toBe('article-picard-mars-attack-worse')
    })

    it('when replayed with no cut, then it is the whole ledger under every source, as replay always summarised it', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      const summary = await replayed(deps)
      const view = ledgerView(recorded)
      expect(summary).toMatchObject({
        events: recorded.length,
        eventsRead: recorded.length,
        releases: view.releases.length,
        withdrawn: view.withdrawn.length,
        corrections: view.corrections.length,
      })
      expect(countsOf(summary)).toEqual(foldAt(recorded, latest, allSources))
      expect(summary.at).toMatchObject({
        policy: 'all',
        ledgerPosition: (recorded.length - 1).toString(),
      })
      expect(summary.index.entities).toBe(summary.entities)
      expect(summary.index.entityRecords).toBeGreaterThanOrEqual(summary.entities)
    })

    it('when replayed at each ledger position, then it replays the ledger as it stood there', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      for (const r of recorded) {
        const summary = await replayed(deps, {
          cut: latest,
          policy: allSources,
          ledgerPosition: r.position,
        })
        expect(summary.events).toBe(Number(r.position) + 1)
        expect(summary.eventsRead).toBe(recorded.length)
        expect(summary.at.ledgerPosition).toBe(r.position.toString())
        expect(countsOf(summary)).toEqual(foldAt(recorded, latest, allSources, r.position))
        expect(summary.index.entities).toBe(summary.entities)
      }
    })

    it('when replayed as of a date, then the counts are the fold at that date', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      const cut = asOfDate(isoDate('2021-01-01'))
      const summary = await replayed(deps, { cut, policy: onScreenOnly })
      expect(countsOf(summary)).toEqual(foldAt(recorded, cut, onScreenOnly))
      expect(summary.at.lastRelease?.id).toBe('pic-s1e10')
    })

    it('when replayed, then fold progress climbs once to the total and the index is reported built', async () => {
      const deps = await givenBundledArc()
      const seen: ReplayProgress[] = []
      await replayed(deps, replayEverything, (p) => seen.push(p))
      const folds = seen.flatMap((p) => (p.phase === 'fold' ? [p] : []))
      const total = folds[0]?.total ?? -1
      expect(total).toBeGreaterThan(0)
      expect(folds.map((p) => p.done)).toEqual([...Array(total + 1).keys()])
      expect(seen.filter((p) => p.phase === 'index')).toEqual([
        { phase: 'index', done: false },
        { phase: 'index', done: true },
      ])
      expect(seen.findIndex((p) => p.phase === 'fold')).toBeGreaterThan(
        seen.findIndex((p) => p.phase === 'read'),
      )
    })
  })

  describe('given the bundled ledger with the 1966-2005 episode list and its catalog corrections', () => {
    it('when replayed at cuts across it, then the counts are the fold, the index agrees, and progress is reported at most about a hundred times', async () => {
      const deps = await givenBundledArc()
      await importBundledCatalog(deps)
      const recorded = await recordedOf(deps)
      const view = ledgerView(recorded)
      expect(view.releases.length).toBeGreaterThan(500)
      const ids = view.releases.map((r) => r.release.id)
      const sample = [0, Math.floor(ids.length / 3), Math.floor((2 * ids.length) / 3)].map(
        (i) => ids[i] as (typeof ids)[number],
      )
      const cuts: ReadonlyArray<ReleaseCut> = [latest, ...sample.map(asOfRelease)]
      for (const cut of cuts)
        for (const policy of [onScreenOnly, allSources]) {
          const folds: number[] = []
          let total = -1
          const summary = await replayed(deps, { cut, policy }, (p) => {
            if (p.phase !== 'fold') return
            folds.push(p.done)
            total = p.total
          })
          expect(countsOf(summary), JSON.stringify(cut)).toEqual(foldAt(recorded, cut, policy))
          expect(summary.index.entities).toBe(summary.entities)
          expect(folds.length).toBeLessThanOrEqual(102)
          // The fold walks every release the cut admits, whatever its tier, each once.
          const admitted = admittedReleases(view, cut)
          expect(total).toBe(E.isRight(admitted) ? admitted.right.length : -1)
          expect(folds.at(-1)).toBe(total)
          expect([...folds].sort((a, b) => a - b)).toEqual(folds)
        }
      // Earlier ledger positions: before the catalog corrections, as the ledger stood then.
      const middle = recorded[Math.floor(recorded.length / 2)]?.position ?? 0n
      const summary = await replayed(deps, { ...replayEverything, ledgerPosition: middle })
      expect(countsOf(summary)).toEqual(foldAt(recorded, latest, allSources, middle))
      expect(summary.index.entities).toBe(summary.entities)
    })
  })

  describe('given a cut the ledger cannot give', () => {
    it('when the release is unknown, then replay is refused naming it with suggestions, and the store is unchanged', async () => {
      const deps = await givenBundledArc()
      const before = await storeContents(deps)
      const e = await refused(deps, { cut: asOfRelease(releaseId('pic-s1e1')), policy: allSources })
      expect(e).toMatchObject({ _tag: 'UnknownCutRelease', release: 'pic-s1e1' })
      expect(e._tag === 'UnknownCutRelease' ? e.suggestions : []).toContain('pic-s1e01')
      expect(await storeContents(deps)).toBe(before)
    })

    it('when the ledger position is beyond the last one, then replay is refused naming both, and the store is unchanged', async () => {
      const deps = await givenBundledArc()
      const recorded = await recordedOf(deps)
      const before = await storeContents(deps)
      const beyond = BigInt(recorded.length)
      const e = await refused(deps, { ...replayEverything, ledgerPosition: beyond })
      expect(e).toEqual({
        _tag: 'PositionBeyondLedger',
        position: beyond,
        last: beyond - 1n,
      })
      expect(await storeContents(deps)).toBe(before)
    })
  })
})
