import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { entityId, releaseId } from '../../../src/domain/ids'
import { asOfRelease, latest } from '../../../projections/cut'
import { diff } from '../../../projections/diff'
import {
  assert,
  confirm,
  exact,
  introduce,
  release,
  released,
  retract,
  revise,
} from '../../support/builders'
import { given } from './canonAt'

const ledger = given(
  released(
    release('ep1', { date: '2020-01-01' }),
    introduce('event/a', 'A'),
    assert('a.x', { subject: 'event/a', predicate: 'x', value: 1 }),
    assert('a.y', { subject: 'event/a', predicate: 'y', value: 'yes' }),
  ),
  released(
    release('ep2', { date: '2020-02-01' }),
    confirm('a.x'),
    revise('a.y', { kind: 'refinement', value: 'yes, precisely' }),
    introduce('event/b', 'B'),
  ),
  released(
    release('art', { date: '2020-02-10', kind: 'article' }),
    assert('b.z', { subject: 'event/b', predicate: 'z', value: exact(3) }),
  ),
  released(release('ep3', { date: '2020-03-01' }), retract('a.x')),
)
const at = (id: string) => asOfRelease(releaseId(id))

describe('diff', () => {
  describe('given releases that confirm, refine, introduce and retract', () => {
    it('when diffing (ep1, latest], then each change is classified with before and after', () => {
      const d = diff(
        ledger.view().releases,
        ledger.admitted(at('ep1')),
        ledger.admitted(latest),
        onScreenOnly,
      )
      expect(d.releases.map((r) => r.release.id)).toEqual(['ep2', 'ep3'])
      expect(d.changes.map((c) => [c.class, c.entity, c.predicate, c.before, c.after])).toEqual([
        [{ _tag: 'confirmed' }, 'event/a', 'x', exact(1), exact(1)],
        [
          { _tag: 'revised', kind: 'refinement' },
          'event/a',
          'y',
          { _tag: 'Text', text: 'yes' },
          { _tag: 'Text', text: 'yes, precisely' },
        ],
        [{ _tag: 'introduced' }, 'event/b', undefined, undefined, undefined],
        [{ _tag: 'retracted' }, 'event/a', 'x', exact(1), undefined],
      ])
      expect(
        d.facts.map((f) => [
          f.predicate,
          f.before?.claims.map((c) => c.value),
          f.after?.claims.map((c) => c.value),
        ]),
      ).toEqual([
        ['x', [exact(1)], undefined],
        ['y', [{ _tag: 'Text', text: 'yes' }], [{ _tag: 'Text', text: 'yes, precisely' }]],
      ])
    })

    it('when restricted to one entity, then only its changes are listed', () => {
      const d = diff(
        ledger.view().releases,
        ledger.admitted(at('ep1')),
        ledger.admitted(latest),
        allSources,
        entityId('event/b'),
      )
      expect(d.changes.map((c) => [c.class._tag, c.release.release.id])).toEqual([
        ['introduced', 'ep2'],
        ['asserted', 'art'],
      ])
    })

    it('when the policy excludes a tier, then its releases are not in the diff', () => {
      const d = diff(
        ledger.view().releases,
        ledger.admitted(at('ep2')),
        ledger.admitted(latest),
        onScreenOnly,
      )
      expect(d.releases.map((r) => r.release.id)).toEqual(['ep3'])
    })

    it('when both cuts are equal, then nothing changed', () => {
      const d = diff(
        ledger.view().releases,
        ledger.admitted(at('ep2')),
        ledger.admitted(at('ep2')),
        allSources,
      )
      expect(d).toMatchObject({ releases: [], changes: [], facts: [] })
    })
  })
})
