import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { entityId, predicate } from '../../../src/domain/ids'
import { isoDate } from '../../../src/domain/calendarDate'
import { audit } from '../../../projections/audit'
import {
  assert,
  corrected,
  exact,
  fixChange,
  fixRelease,
  identify,
  introduce,
  release,
  released,
  retract,
  revise,
  withdraw,
} from '../../support/builders'
import { given } from './canonAt'

const attack = new Set([entityId('event/mars-attack')])

describe('audit', () => {
  const ep1 = release('ep1', { date: '2020-01-01' })
  const ep2 = release('ep2', { date: '2020-02-01' })
  const ep3 = release('ep3', { date: '2020-03-01' })
  const art = release('art', { date: '2020-02-15', kind: 'article' })
  const ledger = given(
    released(ep3, retract('toll', { note: 'never said again' })),
    released(
      ep1,
      introduce('event/mars-attack', 'Mars Attack'),
      assert('toll', { subject: 'event/mars-attack', predicate: 'casualties', value: exact(9000) }),
    ),
    released(
      ep2,
      revise('toll', { kind: 'retcon', value: exact(92000), quote: 'ninety-two thousand' }),
    ),
    released(
      art,
      assert('toll.art', {
        subject: 'event/mars-attack',
        predicate: 'casualties',
        value: exact(92143),
      }),
    ),
    corrected(fixRelease('fix-date', 'ep2', { date: isoDate('2020-02-02') }, 'wrong air date')),
  )

  describe('given a fact asserted, retconned and retracted, entered out of order', () => {
    it('when auditing it on-screen, then every change is in release order with old and new values and ledger positions', () => {
      const a = audit(ledger.view(), onScreenOnly, {
        subjects: attack,
        predicate: predicate('casualties'),
      })
      expect(
        a.entries.map((e) => [
          e.change,
          e.kind,
          e.release.release.id,
          e.oldValue,
          e.newValue,
          e.release.position,
        ]),
      ).toEqual([
        ['asserted', undefined, 'ep1', undefined, exact(9000), 1n],
        ['revised', 'retcon', 'ep2', exact(9000), exact(92000), 2n],
        ['retracted', undefined, 'ep3', exact(92000), undefined, 0n],
      ])
      expect(a.entries[1]?.quote).toBe('ninety-two thousand')
    })

    it('when auditing with secondary sources, then the article claim is listed in its release place', () => {
      const a = audit(ledger.view(), allSources, {
        subjects: attack,
        predicate: predicate('casualties'),
      })
      expect(a.entries.map((e) => e.release.release.id)).toEqual(['ep1', 'ep2', 'art', 'ep3'])
    })

    it('when a release entry was corrected, then the correction is listed with the value before and after', () => {
      const a = audit(ledger.view(), onScreenOnly, { subjects: attack })
      expect(a.corrections).toEqual([
        {
          id: 'fix-date',
          release: 'ep2',
          what: 'release-fixed',
          position: 4n,
          recordedAt: expect.any(String) as unknown,
          reason: 'wrong air date',
          fields: [{ field: 'date', before: '2020-02-01', after: '2020-02-02' }],
        },
      ])
      expect(audit(ledger.view(3n), onScreenOnly, { subjects: attack }).corrections).toEqual([])
    })
  })

  describe('given a release withdrawn by a correction', () => {
    const withWithdrawal = given(
      released(
        ep1,
        introduce('event/mars-attack', 'Mars Attack'),
        assert('toll', {
          subject: 'event/mars-attack',
          predicate: 'casualties',
          value: exact(9000),
        }),
      ),
      released(ep2, revise('toll', { kind: 'retcon', value: exact(1) })),
      corrected(withdraw('drop-ep2', 'ep2', 'not a real episode')),
      corrected(fixChange('fix-toll', 'ep1', 'toll', { value: exact(92000) }, 'typo')),
    )
    it('when auditing, then its changes are listed as withdrawn and never applied, and nothing is lost', () => {
      const a = audit(withWithdrawal.view(), onScreenOnly, { subjects: attack })
      expect(a.entries.map((e) => [e.change, e.withdrawn, e.oldValue, e.newValue])).toEqual([
        ['introduced', false, undefined, undefined],
        ['asserted', false, undefined, exact(92000)],
        ['revised', true, exact(92000), exact(1)],
      ])
      expect(a.corrections.map((c) => [c.id, c.what, c.fields])).toEqual([
        ['drop-ep2', 'release-withdrawn', [{ field: 'withdrawn', before: false, after: true }]],
        [
          'fix-toll',
          'change-fixed',
          [{ field: 'value', before: exact(9000), after: exact(92000) }],
        ],
      ])
    })
  })

  describe('given an identification', () => {
    const merged = given(
      released(ep1, introduce('person/oh', 'Oh'), introduce('person/nedar', 'Nedar')),
      released(ep2, identify('person/oh', 'person/nedar')),
    )
    it('when auditing either entity, then the identification is listed naming the other', () => {
      const a = audit(merged.view(), onScreenOnly, {
        subjects: new Set([entityId('person/nedar')]),
      })
      expect(a.entries.map((e) => [e.change, e.subject, e.other])).toEqual([
        ['introduced', 'person/nedar', undefined],
        ['identified', 'person/nedar', 'person/oh'],
      ])
    })
  })
})
