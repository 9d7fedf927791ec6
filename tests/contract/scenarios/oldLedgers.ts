import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { allSources } from '../../../src/domain/canonPolicy'
import type { Recorded } from '../../../src/domain/events'
import type { EntityId } from '../../../src/domain/ids'
import { decodeRecorded } from '../../../src/app/ledger'
import { describeAppError } from '../../../src/app/errors'
import { latest } from '../../../projections/port/cut'
import { referenceReader } from '../../../projections/reference/reader'
import { rng } from '../../../bench/rng'
import type { OpenReader } from '../readerContract'
import { readsAt } from '../readerReads'
import type { GeneratedLedger } from '../../support/generatedLedger'
import { generatedCut } from '../../support/generatedCuts'
import { asOf, cutOf, factsOf, left, onDate, page, right, texts } from './support'

const fixtures = resolve(__dirname, '../../fixtures')

/**
 * A ledger exported by the version before appearances (tests/fixtures/README.md), decoded line
 * by line as the app decodes what a store holds: position, type, data, metadata.
 */
const exportedLedger = (file: string): ReadonlyArray<Recorded> =>
  readFileSync(join(fixtures, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const { position, type, data, metadata } = JSON.parse(line) as {
        readonly position: string
        readonly type: string
        readonly data: unknown
        readonly metadata: unknown
      }
      const decoded = decodeRecorded({
        stream: 'fixture',
        eventId: `${file}:${i + 1}`,
        revision: BigInt(position),
        globalPosition: BigInt(position),
        type,
        data,
        metadata,
      })
      if (E.isLeft(decoded))
        throw new Error(`${file} line ${i + 1} does not load: ${describeAppError(decoded.left)}`)
      return decoded.right
    })

/** What the reader contract's reads draw from: the ids, names and series the ledger holds. */
const vocabularyOf = (recorded: ReadonlyArray<Recorded>): GeneratedLedger => {
  const releases = recorded.flatMap((r) => (r.event._tag === 'ReleaseRecorded' ? [r.event] : []))
  const changes = releases.flatMap((r) => r.changes)
  return {
    recorded,
    releases: releases.map((r) => r.release.id),
    entities: [
      ...new Set(changes.flatMap((c): EntityId[] => (c._tag === 'Introduced' ? [c.entity] : []))),
    ],
    claims: [...new Set(changes.flatMap((c) => (c._tag === 'Asserted' ? [c.claim] : [])))],
    names: [
      ...new Set(
        changes.flatMap((c) =>
          c._tag === 'Introduced'
            ? [c.name, ...(c.aliases ?? [])]
            : c._tag === 'Aliased'
              ? [c.alias]
              : [],
        ),
      ),
    ],
    series: [...new Set(releases.map((r) => r.release.series))],
    regions: [
      ...new Set(releases.flatMap((r) => (r.release.regionalDates ?? []).map((d) => d.region))),
    ],
  }
}

/** Ledgers recorded by the version before this one load unchanged and read as they did. */
export const oldLedgerScenarios = (name: string, open: OpenReader): void => {
  describe(`given the Star Trek ledger exported before appearances existed, read by the ${name} reader`, () => {
    const recorded = exportedLedger('star-trek-session3.ndjson')
    const reader = open(recorded)

    describe('when it is loaded', () => {
      it('then every event decodes, and the reader stands at its head', () => {
        expect(recorded).toHaveLength(7)
        expect(reader.head).toEqual({ position: 6n, hash: recorded[6]?.hash })
      })
    })

    describe('when the Mars Attack is asked as of Picard S1E1', () => {
      it('then it is what viewers knew then: over 92,000 dead, on First Contact Day, by rogue synths', () => {
        const attack = right(reader.entity({ entity: 'Mars Attack', at: cutOf(asOf('pic-s1e01')) }))
        expect(texts(attack, 'casualties')).toEqual(['over 92,000 lives'])
        expect(texts(attack, 'perpetrator')).toEqual(['rogue synths'])
        expect(texts(attack, 'occasion')).toEqual(['First Contact Day'])
        expect(texts(attack, 'target')).toEqual(['Mars'])
        expect(factsOf(attack)['starships-destroyed']).toBeUndefined()
        expect(JSON.stringify(attack)).not.toMatch(/Commodore|Zhat Vash|Nedar|Prodigy/)
      })
    })

    describe('when it is asked as of Prodigy S2E20', () => {
      it('then Oh is the culprit, by the reattribution of Picard S1E10, and the starships are there', () => {
        const attack = right(reader.entity({ entity: 'Mars Attack', at: cutOf(asOf('pro-s2e20')) }))
        expect(factsOf(attack)['perpetrator']?.claims[0]).toMatchObject({
          value: { text: 'Commodore Oh' },
          revisionKind: 'reattribution',
          source: { id: 'pic-s1e10' },
        })
        expect(texts(attack, 'starships-destroyed')).toEqual([
          '20,000 starships under construction',
        ])
      })
    })

    describe('when Nedar is asked', () => {
      it('then on screen only it is not found, and with secondary sources it is Oh', () => {
        expect(left(reader.entity({ entity: 'General Nedar', at: cutOf(latest) }))).toMatchObject({
          _tag: 'NotFound',
          kind: 'entity',
        })
        expect(
          right(reader.entity({ entity: 'General Nedar', at: cutOf(latest, allSources) })).entity,
        ).toMatchObject({ id: 'person/commodore-oh', name: 'Commodore Oh' })
      })
    })

    describe('when the short’s entry is read before and after its title was corrected', () => {
      it('then the ledger axis shows the title as recorded, then as corrected, and the audit shows both', () => {
        const title = (ledgerPosition?: bigint) =>
          right(reader.releases({ at: cutOf(latest, allSources, ledgerPosition), page }))
            .releases[0]?.title
        expect(title(5n)).toBe('Children of Men')
        expect(title()).toBe('Children of Mars')
        const audit = right(reader.history({ at: cutOf(latest), entity: 'Mars Attack', page }))
        expect(audit.corrections).toMatchObject([
          {
            id: 'fix-children-of-mars-title',
            what: 'release-fixed',
            position: '6',
            fields: [{ field: 'title', before: 'Children of Men', after: 'Children of Mars' }],
          },
        ])
      })
    })

    describe('when Picard S1E1 is cut by its international date', () => {
      it('then it is out a day later there', () => {
        const releases = (region?: string) =>
          right(reader.releases({ at: cutOf(onDate('2020-01-23', region)), page })).releases.map(
            (r) => r.id,
          )
        expect(releases()).toEqual(['st-children-of-mars', 'pic-s1e01'])
        expect(releases('international')).toEqual(['st-children-of-mars'])
      })
    })
  })

  describe(`given a generated ledger exported before appearances existed (withdrawals, moved dates, fixed values), read by the ${name} reader`, () => {
    const recorded = exportedLedger('random-session3.ndjson')
    const reader = open(recorded)
    const everything = cutOf(latest, allSources)

    describe('when it is loaded', () => {
      it('then every event decodes, and the withdrawn releases are not in the catalog', () => {
        expect(recorded).toHaveLength(51)
        expect(reader.head.position).toBe(50n)
        const releases = right(reader.releases({ at: everything, page })).releases.map((r) => r.id)
        expect(releases).toHaveLength(34)
        for (const withdrawn of ['r13', 'r30', 'r31', 'r38'])
          expect(releases).not.toContain(withdrawn)
      })
    })

    describe('when a release whose date a correction moved is read on both sides of the correction', () => {
      it('then it sits at its recorded date before, and at the corrected date after', () => {
        const r39 = (ledgerPosition?: bigint) =>
          right(
            reader.releases({ at: cutOf(latest, allSources, ledgerPosition), page }),
          ).releases.find((r) => r.id === 'r39')?.date
        expect(r39(18n)).toBe('2020-01-29')
        expect(r39()).toBe('2020-01-15')
      })
    })

    describe('when a claim whose value a correction fixed is audited', () => {
      it('then the entry shows the fixed value, the correction shows both, and before it the recorded value stands', () => {
        const audit = right(reader.history({ at: everything, claim: 'c24', page }))
        expect(audit.entries.map((e) => [e.change, e.release.id, e.newValue?.text])).toEqual([
          ['asserted', 'r39', 'fixed 20'],
        ])
        expect(audit.corrections.map((c) => [c.id, c.what])).toEqual([
          ['fix-19', 'release-fixed'],
          ['fix-20', 'change-fixed'],
        ])
        const earlier = right(
          reader.history({ at: cutOf(latest, allSources, 19n), claim: 'c24', page }),
        )
        expect(earlier.entries.map((e) => e.newValue?.text)).toEqual(['oh'])
      })
    })

    describe('when the aliases given are audited', () => {
      it('then the alias of a withdrawn release is listed, marked withdrawn', () => {
        const audit = right(reader.history({ at: everything, changes: ['aliased'], page }))
        expect(audit.entries.find((e) => e.release.id === 'r13')).toMatchObject({
          change: 'aliased',
          name: 'A1',
          withdrawn: true,
        })
      })
    })
  })

  describe(`given both exported ledgers, read by the ${name} reader`, () => {
    for (const file of ['star-trek-session3.ndjson', 'random-session3.ndjson'])
      describe(`when every read of the reader contract is asked of ${file} at drawn cuts`, () => {
        it('then each answers or refuses without throwing, as the reference reader does', () => {
          const g = vocabularyOf(exportedLedger(file))
          const reader = open(g.recorded)
          const reference = referenceReader(g.recorded)
          const r = rng(20261207)
          let answered = 0
          for (let i = 0; i < 16; i++) {
            const at = generatedCut(r, g)
            for (const read of readsAt(r, g, at)) {
              const answer = read.run(reader)
              expect(answer, read.label).toEqual(read.run(reference))
              const outcomes = Array.isArray(answer) ? answer : [answer]
              for (const o of outcomes as ReadonlyArray<E.Either<{ _tag: string }, unknown>>) {
                if (E.isRight(o)) answered++
                else expect(['NotFound', 'InvalidQuery']).toContain(o.left._tag)
              }
            }
          }
          expect(answered).toBeGreaterThan(50)
        })
      })
  })
}
