import { describe, expect, it } from 'vitest'
import { allSources } from '../../../src/domain/canonPolicy'
import { isoDate } from '../../../src/domain/calendarDate'
import { latest } from '../../../projections/port/cut'
import type { OpenReader } from '../readerContract'
import {
  assert,
  atLeast,
  correct,
  exact,
  fixChange,
  fixRelease,
  identify,
  introduce,
  recordRelease,
  release,
  retract,
  revise,
  withdraw,
} from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import { asOf, cutOf, left, once, page, right, texts } from './support'

const ep1 = release('ep1', { date: '2020-01-01' })
const ep2 = release('ep2', { date: '2020-02-01' })
const ep3 = release('ep3', { date: '2020-03-01' })
const art = release('art', { date: '2020-02-15', kind: 'article' })

/** The audit: every change with its release, old and new value, and ledger position; corrections too. */
export const auditScenarios = (name: string, open: OpenReader): void => {
  describe(`given a fact asserted, retconned and retracted, entered out of order and one entry corrected, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(
          ep1,
          introduce('event/mars-attack', 'Mars Attack'),
          assert('toll', {
            subject: 'event/mars-attack',
            predicate: 'casualties',
            value: exact(9000),
          }),
        ),
        recordRelease(ep3, retract('toll', { note: 'never said again' })),
        recordRelease(
          ep2,
          revise('toll', { kind: 'retcon', value: exact(92000), quote: 'ninety-two thousand' }),
        ),
        recordRelease(
          art,
          assert('toll.art', {
            subject: 'event/mars-attack',
            predicate: 'casualties',
            value: exact(92143),
          }),
        ),
        correct(fixRelease('fix-date', 'ep2', { date: isoDate('2020-02-02') }, 'wrong air date')),
      ]),
    )
    const casualties = { entity: 'Mars Attack', predicate: 'casualties', page }

    describe('when the fact is audited on screen', () => {
      const audit = once(() => right(reader.history({ at: cutOf(latest), ...casualties })))
      it('then every change is in release order with old and new values and ledger positions', () => {
        expect(
          audit().entries.map((e) => [
            e.change,
            e.kind,
            e.release.id,
            e.oldValue?.text,
            e.newValue?.text,
            e.position,
          ]),
        ).toEqual([
          ['asserted', undefined, 'ep1', undefined, '9,000', '0'],
          ['revised', 'retcon', 'ep2', '9,000', '92,000', '2'],
          ['retracted', undefined, 'ep3', '92,000', undefined, '1'],
        ])
        expect(audit().entries[1]?.quote).toBe('ninety-two thousand')
        expect(audit().entries[2]?.note).toBe('never said again')
      })
      it('then the corrected entry is listed with its field before and after', () => {
        expect(audit().corrections).toEqual([
          {
            id: 'fix-date',
            release: 'ep2',
            what: 'release-fixed',
            position: '4',
            recordedAt: expect.any(String) as unknown,
            reason: 'wrong air date',
            fields: [{ field: 'date', before: '2020-02-01', after: '2020-02-02' }],
          },
        ])
      })
    })

    describe('when the fact is audited with secondary sources', () => {
      it('then the article’s claim is listed in its release place', () => {
        const audit = right(reader.history({ at: cutOf(latest, allSources), ...casualties }))
        expect(audit.entries.map((e) => e.release.id)).toEqual(['ep1', 'ep2', 'art', 'ep3'])
        expect(audit.entries[2]).toMatchObject({ tier: 'article', claim: 'toll.art' })
      })
    })

    describe('when the ledger is read as it stood before the correction', () => {
      it('then no correction is listed', () => {
        const audit = right(reader.history({ at: cutOf(latest, undefined, 3n), ...casualties }))
        expect(audit.corrections).toEqual([])
        expect(audit.at.ledgerPosition).toBe('3')
      })
    })

    describe('when the ledger is read as it stood before ep2 was recorded', () => {
      it('then the retraction is there and the retcon is not', () => {
        const audit = right(reader.history({ at: cutOf(latest, undefined, 1n), ...casualties }))
        expect(audit.entries.map((e) => [e.change, e.release.id, e.oldValue?.text])).toEqual([
          ['asserted', 'ep1', undefined],
          ['retracted', 'ep3', '9,000'],
        ])
      })
    })
  })

  describe(`given a release withdrawn by a correction and a value fixed by another, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(
          ep1,
          introduce('event/mars-attack', 'Mars Attack'),
          assert('toll', {
            subject: 'event/mars-attack',
            predicate: 'casualties',
            value: exact(9000),
          }),
        ),
        recordRelease(ep2, revise('toll', { kind: 'retcon', value: exact(1) })),
        correct(withdraw('drop-ep2', 'ep2', 'not a real episode')),
        correct(fixChange('fix-toll', 'ep1', 'toll', { value: exact(92000) }, 'typo')),
      ]),
    )
    describe('when the entity is audited', () => {
      const audit = once(() =>
        right(reader.history({ at: cutOf(latest), entity: 'Mars Attack', page })),
      )
      it('then the withdrawn release’s changes are listed as withdrawn and never applied, and nothing is lost', () => {
        expect(
          audit().entries.map((e) => [e.change, e.withdrawn, e.oldValue?.text, e.newValue?.text]),
        ).toEqual([
          ['introduced', false, undefined, undefined],
          ['asserted', false, undefined, '92,000'],
          ['revised', true, '92,000', '1'],
        ])
      })
      it('then both corrections are listed in ledger order, each field before and after', () => {
        expect(audit().corrections.map((c) => [c.id, c.what, c.position, c.fields])).toEqual([
          [
            'drop-ep2',
            'release-withdrawn',
            '2',
            [{ field: 'withdrawn', before: false, after: true }],
          ],
          [
            'fix-toll',
            'change-fixed',
            '3',
            [
              {
                field: 'value',
                before: {
                  text: '9,000',
                  value: { _tag: 'Quantity', amount: 9000, qualifier: 'exact' },
                },
                after: {
                  text: '92,000',
                  value: { _tag: 'Quantity', amount: 92000, qualifier: 'exact' },
                },
              },
            ],
          ],
        ])
      })
    })
    describe('when the entity is asked', () => {
      it('then the fixed value stands, and the withdrawn retcon is not applied', () => {
        expect(
          texts(right(reader.entity({ entity: 'Mars Attack', at: cutOf(latest) })), 'casualties'),
        ).toEqual(['92,000'])
      })
      it('then a cut naming the withdrawn release refuses it as unknown', () => {
        expect(
          left(reader.entity({ entity: 'Mars Attack', at: cutOf(asOf('ep2')) })),
        ).toMatchObject({
          _tag: 'NotFound',
          kind: 'release',
          what: "release 'ep2'",
        })
      })
    })
  })

  describe(`given a value fixed by a correction, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(
          release('pic-s1e01', { date: '2020-01-23', season: 1, episode: 1 }),
          introduce('event/mars-attack', 'Mars Attack'),
          assert('toll', {
            subject: 'event/mars-attack',
            predicate: 'casualties',
            value: atLeast(9200, 'lives'),
          }),
        ),
        correct(
          fixChange(
            'fix-toll',
            'pic-s1e01',
            'toll',
            { value: atLeast(92000, 'lives') },
            'a digit was lost',
          ),
        ),
      ]),
    )
    describe('when read before and after the correction on the ledger axis', () => {
      it('then the uncorrected value shows before it, the corrected one from it on', () => {
        const at = (p?: bigint) =>
          texts(
            right(reader.entity({ entity: 'Mars Attack', at: cutOf(latest, undefined, p) })),
            'casualties',
          )
        expect(at(0n)).toEqual(['over 9,200 lives'])
        expect(at(1n)).toEqual(['over 92,000 lives'])
        expect(at()).toEqual(['over 92,000 lives'])
      })
    })
    describe('when the fact is audited', () => {
      it('then the entry shows the corrected value and the correction shows both', () => {
        const audit = right(
          reader.history({
            at: cutOf(latest),
            entity: 'Mars Attack',
            predicate: 'casualties',
            page,
          }),
        )
        expect(audit.entries).toMatchObject([
          {
            change: 'asserted',
            newValue: { text: 'over 92,000 lives' },
            position: '0',
            release: { id: 'pic-s1e01' },
          },
        ])
        expect(audit.corrections).toMatchObject([
          {
            id: 'fix-toll',
            release: 'pic-s1e01',
            claim: 'toll',
            what: 'change-fixed',
            position: '1',
            reason: 'a digit was lost',
            fields: [
              {
                field: 'value',
                before: { text: 'over 9,200 lives' },
                after: { text: 'over 92,000 lives' },
              },
            ],
          },
        ])
      })
      it('then, as the ledger stood before the correction, the entry shows the old value and no correction', () => {
        const earlier = right(
          reader.history({
            at: cutOf(latest, undefined, 0n),
            entity: 'Mars Attack',
            predicate: 'casualties',
            page,
          }),
        )
        expect(earlier.entries).toMatchObject([{ newValue: { text: 'over 9,200 lives' } }])
        expect(earlier.corrections).toEqual([])
      })
    })
  })

  describe(`given an identification, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(ep1, introduce('person/oh', 'Oh'), introduce('person/nedar', 'Nedar')),
        recordRelease(ep2, identify('person/oh', 'person/nedar')),
      ]),
    )
    describe('when either entity is audited after it', () => {
      it('then the audit holds both entities and the identification, naming the other', () => {
        for (const asked of ['Nedar', 'Oh']) {
          const audit = right(reader.history({ at: cutOf(latest), entity: asked, page }))
          expect(audit.entity).toMatchObject({ id: 'person/oh', aliases: ['Nedar'] })
          expect(audit.entries.map((e) => [e.change, e.entity.id, e.other?.id])).toEqual([
            ['introduced', 'person/oh', undefined],
            ['introduced', 'person/nedar', undefined],
            ['identified', 'person/oh', 'person/nedar'],
          ])
        }
      })
    })
    describe('when Nedar is audited before the identification', () => {
      it('then only Nedar’s own changes are listed', () => {
        const audit = right(reader.history({ at: cutOf(asOf('ep1')), entity: 'Nedar', page }))
        expect(audit.entries.map((e) => [e.change, e.entity.id])).toEqual([
          ['introduced', 'person/nedar'],
        ])
      })
    })
  })
}
