import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import type { Cut } from '../../../../projections/port/cut'
import { latest } from '../../../../projections/port/cut'
import { beforeEverything, parseWatched } from '../../../../projections/port/cutText'
import type { ReadError } from '../../../../projections/port/errors'
import type { CanonReader } from '../../../../projections/port/reader'
import type { OpenReader } from '../../readerContract'
import { decidedLedger } from '../../../support/decidedLedger'
import { asOf, cutOf, left, onDate, page, right, texts, watchedItems, watching } from '../support'
import { starfallCommands } from './ledger'

/** Every read of the port at one cut (a diff from before everything to it). */
const everyRead = (
  reader: CanonReader,
  at: Cut,
): ReadonlyArray<readonly [string, E.Either<ReadError, unknown>]> => [
  ['entity', reader.entity({ entity: 'The Warden', at })],
  ['search', reader.search({ text: 'warden', at })],
  ['history', reader.history({ at, entity: 'The Warden', page })],
  ['history of a claim', reader.history({ at, claim: 'warden.identity', page })],
  ['revision audit', reader.history({ at, changes: ['revised'], page })],
  [
    'diff',
    reader.diff({
      from: beforeEverything,
      to: at.release,
      policy: at.policy,
      ...(at.ledgerPosition === undefined ? {} : { ledgerPosition: at.ledgerPosition }),
      page,
    }),
  ],
  ['timeline', reader.timeline({ at, page })],
  ['releases', reader.releases({ at, page })],
]

/**
 * The field a diff names for its cut: its `to` (the cut is its later end), but for the fields
 * a diff has in common with every read (the region, the ledger position).
 */
const asDiffSays = (e: ReadError): ReadError =>
  e.field === undefined || e.field === 'region' || e.field === 'ledgerPosition'
    ? e
    : { ...e, field: 'to' }

/** Every read refuses the cut with the same error, and the reader still stands where it stood. */
const expectEveryReadRefuses = (reader: CanonReader, at: Cut, expected: ReadError) => {
  const head = reader.head
  for (const [read, answer] of everyRead(reader, at))
    expect(E.isLeft(answer) ? answer.left : 'an answer', read).toEqual(
      read === 'diff' ? asDiffSays(expected) : expected,
    )
  expect(reader.head).toEqual(head)
}

const admitted = (reader: CanonReader, at: Cut) =>
  right(reader.releases({ at, page })).releases.map((r) => r.id)

/** Cuts on every axis over Starfall: ranges, refused sets, regions, ledger positions. */
export const starfallCutScenarios = (name: string, open: OpenReader): void => {
  describe(`given Starfall, read by the ${name} reader`, () => {
    const events = decidedLedger(starfallCommands)
    const reader = open(events)

    describe('when a viewer names ranges', () => {
      it('then ..sf-2 is the series from its first film through the second', () => {
        expect(admitted(reader, cutOf(watching('..sf-2')))).toEqual(['sf-1', 'sf-2'])
        expect(
          right(reader.entity({ entity: 'The Warden', at: cutOf(watching('..sf-2')) })).at,
        ).toMatchObject({ releasesAdmitted: 2, lastRelease: { id: 'sf-2' } })
      })
      it('then a range within one series is its releases in release order, ends included', () => {
        expect(admitted(reader, cutOf(watching('sf-2..sf-3')))).toEqual(['sf-2', 'sf-3'])
        expect(admitted(reader, cutOf(watching('sf-1..sf-1')))).toEqual(['sf-1'])
      })
      it('then ranges and single releases mix, as the shells write them', () => {
        const items = parseWatched('..sf-2,sfp-1')
        expect(items).toEqual(E.right(watchedItems('..sf-2', 'sfp-1')))
        const at = cutOf(watching('..sf-2', 'sfp-1'))
        expect(admitted(reader, at)).toEqual(['sf-1', 'sf-2', 'sfp-1'])
        expect(right(reader.entity({ entity: 'The Warden', at })).entity.aliases).toEqual([
          'Knight Aldric',
        ])
      })
    })

    describe('when a range runs across two series', () => {
      it('then every read refuses it, naming both series', () => {
        expectEveryReadRefuses(reader, cutOf(watching('sf-1..sfp-1')), {
          _tag: 'InvalidQuery',
          field: 'watched',
          problem:
            "the range sf-1..sfp-1 spans two series ('Starfall' and 'Starfall Prequels'); a range stays within one series",
        })
      })
    })

    describe('when a range runs backwards', () => {
      it('then every read refuses it, naming its ends', () => {
        expectEveryReadRefuses(reader, cutOf(watching('sf-3..sf-1')), {
          _tag: 'InvalidQuery',
          field: 'watched',
          problem: "the range sf-3..sf-1 runs backwards: 'sf-3' comes after 'sf-1'",
        })
      })
    })

    describe('when a watched set names a release the ledger does not hold', () => {
      it('then every read refuses it, naming the release and suggesting close ones', () => {
        const unknown = {
          _tag: 'NotFound',
          kind: 'release',
          what: "release 'sf-4'",
          suggestions: ['sf-1', 'sf-2', 'sf-3', 'sfp-1'],
          field: 'watched',
        } as const
        expectEveryReadRefuses(reader, cutOf(watching('sf-1', 'sf-4')), unknown)
        expectEveryReadRefuses(reader, cutOf(watching('sf-1..sf-4')), unknown)
      })
    })

    describe('when a watched set is empty', () => {
      it('then every read refuses it, naming the watched set', () => {
        expectEveryReadRefuses(reader, cutOf(watching()), {
          _tag: 'InvalidQuery',
          field: 'watched',
          problem: 'names no release',
        })
      })
    })

    describe('when a diff starts from a cut the ledger cannot read', () => {
      it('then it is refused the same way', () => {
        expect(
          left(reader.diff({ from: watching(), to: latest, policy: cutOf(latest).policy, page })),
        ).toEqual({ _tag: 'InvalidQuery', field: 'from', problem: 'names no release' })
      })
    })

    describe('when the cut is a date in a region where the second film came out earlier', () => {
      it('then the second film is admitted there four days before its first release date', () => {
        const inJapan = cutOf(onDate('1980-05-18', 'Japan'))
        expect(admitted(reader, inJapan)).toEqual(['sf-1', 'sf-2'])
        expect(
          texts(right(reader.entity({ entity: 'The Warden', at: inJapan })), 'weapon'),
        ).toEqual(['a crimson lance'])
        expect(admitted(reader, cutOf(onDate('1980-05-18', 'japan')))).toEqual(['sf-1', 'sf-2'])
        expect(admitted(reader, cutOf(onDate('1980-05-18')))).toEqual(['sf-1'])
      })
      it('then elsewhere a release is dated by its first release date unless the region has its own', () => {
        expect(admitted(reader, cutOf(onDate('1980-05-18', 'France')))).toEqual(['sf-1'])
        expect(admitted(reader, cutOf(onDate('1983-05-28')))).toEqual(['sf-1', 'sf-2', 'sf-3'])
        const inFrance = cutOf(onDate('1983-05-28', 'France'))
        expect(admitted(reader, inFrance)).toEqual(['sf-1', 'sf-2'])
        expect(
          texts(right(reader.entity({ entity: 'The Warden', at: inFrance })), 'identity'),
        ).toEqual(['a masked enforcer of the Dominion, origin unknown'])
      })
    })

    describe('when the cut names a region no release has a date for', () => {
      it('then every read refuses it, listing the regions the ledger knows', () => {
        expectEveryReadRefuses(reader, cutOf(onDate('1980-05-18', 'Atlantis')), {
          _tag: 'InvalidQuery',
          field: 'region',
          problem:
            "'Atlantis' is not a region of this ledger's releases; known regions: Japan, France",
        })
      })
    })

    describe('when the ledger is read as it stood before the third film was backfilled', () => {
      const before = cutOf(latest, undefined, 3n)
      it('then the revelation is not there yet, whatever the release cut', () => {
        const warden = right(reader.entity({ entity: 'The Warden', at: before }))
        expect(warden.at.ledgerPosition).toBe('3')
        expect(texts(warden, 'identity')).toEqual([
          'a masked enforcer of the Dominion, origin unknown',
        ])
        expect(warden.entity.aliases).toEqual(['Knight Aldric'])
      })
      it('then a cut naming the third film refuses it as not in the ledger', () => {
        expect(
          left(reader.entity({ entity: 'The Warden', at: cutOf(asOf('sf-3'), undefined, 3n) })),
        ).toMatchObject({ _tag: 'NotFound', kind: 'release', what: "release 'sf-3'" })
      })
    })

    describe('when the ledger position is the head', () => {
      it('then every read answers as at the head', () => {
        for (const [read, answer] of everyRead(reader, cutOf(latest, undefined, 4n)))
          expect(answer, read).toEqual(
            everyRead(reader, cutOf(latest)).find(([r]) => r === read)?.[1],
          )
      })
    })

    describe('when the ledger position is past the head', () => {
      it('then every read refuses it the same way, naming the position and the head', () => {
        for (const release of [latest, watching('sf-1'), asOf('sf-2')])
          expectEveryReadRefuses(reader, cutOf(release, undefined, 5n), {
            _tag: 'InvalidQuery',
            field: 'ledgerPosition',
            problem: "position 5 is past the ledger's head, position 4 (positions count from 0)",
          })
      })
      it('then an empty ledger refuses any position', () => {
        expectEveryReadRefuses(open([]), cutOf(latest, undefined, 0n), {
          _tag: 'InvalidQuery',
          field: 'ledgerPosition',
          problem: 'position 0 is past the head: the ledger is empty',
        })
      })
    })
  })
}
