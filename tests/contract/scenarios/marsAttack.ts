import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { latest } from '../../../projections/port/cut'
import { describeReadError } from '../../../projections/port/errors'
import { beforeEverything } from '../../../projections/port/cutText'
import type { OpenReader } from '../readerContract'
import { commandOf } from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import { wholeArc } from '../../unit/domain/marsAttack'
import { asOf, cutOf, factsOf, left, once, onDate, page, right, texts, watching } from './support'

/** The Mars Attack arc (tests/unit/domain/marsAttack.ts): what viewers knew, cut by cut. */
export const marsAttackScenarios = (name: string, open: OpenReader): void => {
  describe(`given the Mars Attack arc, read by the ${name} reader`, () => {
    const reader = open(decidedLedger(wholeArc.map(commandOf)))

    describe('when the attack is asked as of the Picard premiere', () => {
      const answer = once(() =>
        right(reader.entity({ entity: 'Mars Attack', at: cutOf(asOf('pic-s1e01')) })),
      )
      it('then casualties are over 92,000, the culprit is the rogue synths, and no starship figure exists', () => {
        expect(texts(answer(), 'casualties')).toEqual(['over 92,000 lives'])
        expect(factsOf(answer())['starships-destroyed']).toBeUndefined()
        expect(texts(answer(), 'perpetrator')).toEqual(['rogue synths'])
      })
      it('then the answer says where it stands on every axis', () => {
        expect(answer().at).toMatchObject({
          policy: 'on-screen',
          ledgerPosition: '4',
          lastRelease: { id: 'pic-s1e01', title: 'Remembrance' },
          releasesAdmitted: 2,
        })
      })
      it('then nothing of later releases is named', () => {
        expect(JSON.stringify(answer())).not.toMatch(/Oh|Nedar|20,000|starship/)
      })
    })

    describe('when the attack is asked as of Ouroboros', () => {
      const answer = once(() =>
        right(reader.entity({ entity: 'event/mars-attack', at: cutOf(asOf('pro-s2e20')) })),
      )
      it('then the 20,000 starships are there and the culprit is Oh, by reattribution, with its provenance', () => {
        expect(texts(answer(), 'starships-destroyed')).toEqual(['20,000 starships'])
        const culprit = factsOf(answer())['perpetrator']?.claims[0]
        expect(culprit?.value).toEqual({
          text: 'Commodore Oh',
          value: { _tag: 'EntityRef', entity: 'person/commodore-oh', name: 'Commodore Oh' },
        })
        expect(culprit).toMatchObject({
          revisionKind: 'reattribution',
          source: { id: 'pic-s1e08' },
        })
        expect(culprit?.provenance.map((p) => `${p.change}@${p.release.id}`)).toEqual([
          'asserted@st-children-of-mars',
          'confirmed@pic-s1e01',
          'revised@pic-s1e08',
        ])
      })
    })

    describe('when the attack is asked by a date', () => {
      it('then the releases out by that date are admitted', () => {
        const answer = right(
          reader.entity({ entity: 'Mars Attack', at: cutOf(onDate('2020-02-01')) }),
        )
        expect(texts(answer, 'perpetrator')).toEqual(['rogue synths'])
        expect(answer.at.releasesAdmitted).toBe(2)
      })
    })

    describe('when a viewer watched the short and the Prodigy finale, skipping Picard', () => {
      it('then exactly those two releases count', () => {
        const answer = right(
          reader.entity({
            entity: 'Mars Attack',
            at: cutOf(watching('st-children-of-mars', 'pro-s2e20')),
          }),
        )
        expect(factsOf(answer)['casualties']).toBeUndefined()
        expect(texts(answer, 'starships-destroyed')).toEqual(['20,000 starships'])
        expect(texts(answer, 'perpetrator')).toEqual(['rogue synths'])
      })
      it('then a range through Picard S1E8 adds the premiere and Broken Pieces', () => {
        const answer = right(
          reader.entity({
            entity: 'Mars Attack',
            at: cutOf(watching('st-children-of-mars', '..pic-s1e08')),
          }),
        )
        expect(texts(answer, 'casualties')).toEqual(['over 92,000 lives'])
        expect(texts(answer, 'perpetrator')).toEqual(['Commodore Oh'])
        expect(answer.at.releasesAdmitted).toBe(3)
      })
    })

    describe('when a name is misspelled', () => {
      it('then the miss suggests only names known at the cut', () => {
        const early = left(
          reader.entity({ entity: 'Comodore Oh', at: cutOf(asOf('pic-s1e01'), allSources) }),
        )
        expect(early).toMatchObject({ _tag: 'NotFound', kind: 'entity', suggestions: [] })
        expect(describeReadError(early)).not.toMatch(/Commodore/)
        const late = left(reader.entity({ entity: 'Comodore Oh', at: cutOf(latest, allSources) }))
        expect(late).toMatchObject({ _tag: 'NotFound', suggestions: ['Commodore Oh'] })
      })
    })

    describe('when the cut names an unknown release', () => {
      it('then it is refused, suggesting release ids of the ledger', () => {
        expect(left(reader.entity({ entity: 'Mars Attack', at: cutOf(asOf('pic-s1e1')) }))).toEqual(
          {
            _tag: 'NotFound',
            kind: 'release',
            what: "release 'pic-s1e1'",
            suggestions: ['pic-s1e01', 'pic-s1e08'],
            field: 'release',
          },
        )
      })
    })

    describe('when Oh is asked on screen only (the article that names him Nedar is secondary)', () => {
      it('then Nedar appears nowhere, and is not found', () => {
        const answer = right(reader.entity({ entity: 'Oh', at: cutOf(latest) }))
        expect(JSON.stringify(answer)).not.toMatch(/Nedar/)
        expect(left(reader.entity({ entity: 'General Nedar', at: cutOf(latest) }))).toMatchObject({
          _tag: 'NotFound',
          kind: 'entity',
        })
      })
    })

    describe('when the perpetrator is audited', () => {
      const audit = once(() =>
        right(
          reader.history({
            at: cutOf(latest),
            entity: 'Mars Attack',
            predicate: 'perpetrator',
            page,
          }),
        ),
      )
      it('then every change is listed in release order with old and new values and ledger positions', () => {
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
          ['asserted', undefined, 'st-children-of-mars', undefined, 'rogue synths', '0'],
          ['confirmed', undefined, 'pic-s1e01', 'rogue synths', 'rogue synths', '1'],
          ['revised', 'reattribution', 'pic-s1e08', 'rogue synths', 'Commodore Oh', '2'],
        ])
        expect(audit().entries[0]?.recordedAt).toMatch(/^2026-01-01T/)
        expect(audit().predicate).toBe('perpetrator')
      })
    })

    describe('when the whole attack is audited', () => {
      it('then its introduction is listed first', () => {
        const audit = right(reader.history({ at: cutOf(latest), entity: 'Mars Attack', page }))
        expect(audit.entries[0]).toMatchObject({ change: 'introduced', name: 'Mars Attack' })
        expect(audit.predicate).toBeNull()
        expect(audit.entity).toMatchObject({ id: 'event/mars-attack', name: 'Mars Attack' })
      })
    })

    describe('when an unknown fact of the attack is audited', () => {
      it('then a near miss names the close fact, and a far one lists every fact it has', () => {
        const near = left(
          reader.history({
            at: cutOf(latest),
            entity: 'Mars Attack',
            predicate: 'casualtes',
            page,
          }),
        )
        expect(near).toMatchObject({ _tag: 'NotFound', kind: 'fact', suggestions: ['casualties'] })
        const far = left(
          reader.history({ at: cutOf(latest), entity: 'Mars Attack', predicate: 'weather', page }),
        )
        expect(far).toMatchObject({
          _tag: 'NotFound',
          kind: 'fact',
          suggestions: ['casualties', 'date', 'perpetrator', 'starships-destroyed'],
        })
      })
      it('then, as of the premiere, the facts listed are only those known there', () => {
        const early = left(
          reader.history({
            at: cutOf(asOf('pic-s1e01')),
            entity: 'Mars Attack',
            predicate: 'weather',
            page,
          }),
        )
        expect(early).toMatchObject({ suggestions: ['casualties', 'date', 'perpetrator'] })
      })
    })

    describe('when the premiere is diffed to Ouroboros for the attack', () => {
      const d = once(() =>
        right(
          reader.diff({
            from: asOf('pic-s1e01'),
            to: asOf('pro-s2e20'),
            policy: onScreenOnly,
            entity: 'Mars Attack',
            page,
          }),
        ),
      )
      it('then each change is classified with before and after', () => {
        expect(d().releases.map((r) => r.id)).toEqual(['pic-s1e08', 'pro-s2e20'])
        expect(d().releasesBetween).toBe(2)
        expect(
          d().changes.map((c) => [c.change, c.predicate, c.before?.text, c.after?.text]),
        ).toEqual([
          ['revised:reattribution', 'perpetrator', 'rogue synths', 'Commodore Oh'],
          ['asserted', 'starships-destroyed', undefined, '20,000 starships'],
        ])
      })
      it('then each fact touched is shown at both cuts', () => {
        expect(
          d().facts.map((f) => [
            f.predicate,
            f.before?.values.map((v) => v.value.text),
            f.after?.values.map((v) => v.value.text),
          ]),
        ).toEqual([
          ['perpetrator', ['rogue synths'], ['Commodore Oh']],
          ['starships-destroyed', undefined, ['20,000 starships']],
        ])
      })
    })

    describe('when the whole universe is diffed from Ouroboros with secondary sources', () => {
      it('then the introduction and the identification are listed', () => {
        const d = right(
          reader.diff({ from: asOf('pro-s2e20'), to: latest, policy: allSources, page }),
        )
        expect(d.changes.map((c) => c.change)).toEqual(['introduced', 'identified'])
        expect(d.changes[1]).toMatchObject({
          entity: { id: 'person/commodore-oh' },
          other: { id: 'person/nedar', name: 'General Nedar' },
        })
      })
    })

    describe('when the cuts of a diff are given in the wrong order', () => {
      it('then it is refused, naming why', () => {
        const error = left(
          reader.diff({
            from: asOf('pro-s2e20'),
            to: asOf('pic-s1e01'),
            policy: onScreenOnly,
            page,
          }),
        )
        expect(error).toMatchObject({ _tag: 'InvalidQuery', field: 'from' })
        expect(describeReadError(error)).toMatch(/'from' must not reach past 'to'/)
      })
    })

    describe('when a diff starts before everything', () => {
      it('then every on-screen release is between', () => {
        const d = right(
          reader.diff({ from: beforeEverything, to: latest, policy: onScreenOnly, page }),
        )
        expect(d.releasesBetween).toBe(4)
        expect(d.from.releasesAdmitted).toBe(0)
      })
    })

    describe('when the timeline is asked as of the premiere', () => {
      it('then the attack date is on it', () => {
        const tl = right(reader.timeline({ at: cutOf(asOf('pic-s1e01')), page }))
        expect(tl.entries.map((e) => [e.time, e.entity.name, e.predicate, e.source.id])).toEqual([
          ['2385-04-05', 'Mars Attack', 'date', 'st-children-of-mars'],
        ])
      })
    })

    describe('when the releases are listed', () => {
      it('then they come in release order, counted by series and tier, at the cut only', () => {
        const all = right(reader.releases({ at: cutOf(latest, allSources), page }))
        expect(all.releases.map((r) => r.id)).toEqual([
          'st-children-of-mars',
          'pic-s1e01',
          'pic-s1e08',
          'pro-s2e20',
          'screenrant-mars-attack',
        ])
        expect(all.bySeries.map((s) => [s.series, s.count])).toEqual([
          ['Star Trek: Short Treks', 1],
          ['Star Trek: Picard', 2],
          ['Star Trek: Prodigy', 1],
          ['Screen Rant', 1],
        ])
        const early = right(reader.releases({ at: cutOf(asOf('pic-s1e01'), allSources), page }))
        expect(early.total).toBe(2)
        expect(JSON.stringify(early)).not.toMatch(/Broken Pieces|Prodigy|Screen Rant/)
        expect(right(reader.releases({ at: cutOf(latest), page })).total).toBe(4)
      })
      it('then a series is found in any case, and an unknown one suggests close series', () => {
        const picard = right(
          reader.releases({ at: cutOf(latest), series: 'star trek: picard', page }),
        )
        expect(picard).toMatchObject({ series: 'Star Trek: Picard', total: 2 })
        const miss = left(reader.releases({ at: cutOf(latest), series: 'Star Trek: Picrd', page }))
        expect(miss).toMatchObject({
          _tag: 'NotFound',
          kind: 'release',
          suggestions: ['Star Trek: Picard'],
        })
      })
    })

    describe('when entities are searched', () => {
      it('then only entities of the cut are found', () => {
        const early = right(reader.search({ text: 'o', at: cutOf(asOf('pic-s1e01'), allSources) }))
        expect(early.hits.map((h) => h.id)).not.toContain('person/commodore-oh')
        const later = right(reader.search({ text: 'commodore', at: cutOf(latest, allSources) }))
        expect(later.hits).toMatchObject([{ id: 'person/commodore-oh', rank: 'prefix' }])
      })
    })
  })
}
