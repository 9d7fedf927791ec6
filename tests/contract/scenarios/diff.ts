import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import type { Command } from '../../../src/domain/commands'
import { latest } from '../../../projections/port/cut'
import { beforeEverything } from '../../../projections/port/cutText'
import type { DiffAnswer } from '../../../projections/port/answers'
import type { OpenReader } from '../readerContract'
import { walkPages } from '../readerReads'
import {
  assert,
  confirm,
  exact,
  introduce,
  recordRelease,
  release,
  retract,
  revise,
} from '../../support/builders'
import { decidedLedger } from '../../support/decidedLedger'
import { asOf, once, page, right } from './support'

/** A ledger of `n` releases: every release revises one of `facts` facts and asserts a new one. */
const longLedger = (n: number, facts: number): ReadonlyArray<Command> => [
  recordRelease(
    release('r0000', { date: '2000-01-01', sequence: 0 }),
    ...Array.from({ length: facts }, (_, f) => introduce(`thing/t${f}`, `Thing ${f}`)),
    ...Array.from({ length: facts }, (_, f) =>
      assert(`t${f}.v`, { subject: `thing/t${f}`, predicate: 'v', value: 0 }),
    ),
  ),
  ...Array.from({ length: n }, (_, i) =>
    recordRelease(
      release(`r${String(i + 1).padStart(4, '0')}`, { date: '2000-01-02', sequence: i + 1 }),
      revise(`t${i % facts}.v`, { kind: 'refinement', value: i + 1 }),
      assert(`t${i % facts}.w${i}`, {
        subject: `thing/t${i % facts}`,
        predicate: `w${i}`,
        value: `note ${i}`,
      }),
    ),
  ),
]

/** What changed between two cuts, change by change and fact by fact. */
export const diffScenarios = (name: string, open: OpenReader): void => {
  describe(`given releases that confirm, refine, introduce and retract, read by the ${name} reader`, () => {
    const reader = open(
      decidedLedger([
        recordRelease(
          release('ep1', { date: '2020-01-01' }),
          introduce('event/a', 'A'),
          assert('a.x', { subject: 'event/a', predicate: 'x', value: 1 }),
          assert('a.y', { subject: 'event/a', predicate: 'y', value: 'yes' }),
        ),
        recordRelease(
          release('ep2', { date: '2020-02-01' }),
          confirm('a.x'),
          revise('a.y', { kind: 'refinement', value: 'yes, precisely' }),
          introduce('event/b', 'B'),
        ),
        recordRelease(
          release('art', { date: '2020-02-10', kind: 'article' }),
          assert('b.z', { subject: 'event/b', predicate: 'z', value: exact(3) }),
        ),
        recordRelease(release('ep3', { date: '2020-03-01' }), retract('a.x')),
      ]),
    )

    describe('when diffing (ep1, latest] on screen', () => {
      const d = once(() =>
        right(reader.diff({ from: asOf('ep1'), to: latest, policy: onScreenOnly, page })),
      )
      it('then each change is classified with before and after', () => {
        expect(d().releases.map((r) => r.id)).toEqual(['ep2', 'ep3'])
        expect(
          d().changes.map((c) => [
            c.change,
            c.entity.id,
            c.predicate,
            c.before?.text,
            c.after?.text,
          ]),
        ).toEqual([
          ['confirmed', 'event/a', 'x', '1', '1'],
          ['revised:refinement', 'event/a', 'y', 'yes', 'yes, precisely'],
          ['introduced', 'event/b', undefined, undefined, undefined],
          ['retracted', 'event/a', 'x', '1', undefined],
        ])
        expect(d().changes[2]?.name).toBe('B')
      })
      it('then each fact touched is shown before and after', () => {
        expect(
          d().facts.map((f) => [
            f.predicate,
            f.before?.values.map((v) => v.value.text),
            f.after?.values.map((v) => v.value.text),
          ]),
        ).toEqual([
          ['x', ['1'], undefined],
          ['y', ['yes'], ['yes, precisely']],
        ])
      })
    })

    describe('when restricted to one entity, with secondary sources', () => {
      it('then only its changes are listed', () => {
        const d = right(
          reader.diff({ from: asOf('ep1'), to: latest, policy: allSources, entity: 'B', page }),
        )
        expect(d.entity).toEqual({ id: 'event/b', name: 'B' })
        expect(d.changes.map((c) => [c.change, c.release.id])).toEqual([
          ['introduced', 'ep2'],
          ['asserted', 'art'],
        ])
      })
    })

    describe('when the policy excludes a tier', () => {
      it('then its releases are not in the diff', () => {
        const d = right(reader.diff({ from: asOf('ep2'), to: latest, policy: onScreenOnly, page }))
        expect(d.releases.map((r) => r.id)).toEqual(['ep3'])
        expect(d.releasesBetween).toBe(1)
      })
    })

    describe('when both cuts are equal', () => {
      it('then nothing changed', () => {
        const d = right(
          reader.diff({ from: asOf('ep2'), to: asOf('ep2'), policy: allSources, page }),
        )
        expect(d).toMatchObject({ releasesBetween: 0, releases: [], changes: [], facts: [] })
      })
    })
  })

  describe(`given a long ledger (600 releases revising 40 facts), read by the ${name} reader`, () => {
    const n = 600
    const facts = 40
    const reader = open(decidedLedger(longLedger(n, facts)))
    describe('when the whole ledger is diffed from before everything, a page of 1,000 at a time', () => {
      const answers = once(() =>
        walkPages(
          (p) => reader.diff({ from: beforeEverything, to: latest, policy: onScreenOnly, page: p }),
          1000,
        ).map((p) => right(p)),
      )
      it('then every change is there once, in release order', () => {
        const changes = answers().flatMap((a: DiffAnswer) => a.changes)
        expect(answers()).toHaveLength(2)
        expect(changes).toHaveLength(2 * facts + 2 * n)
        expect(changes.slice(2 * facts).map((c) => c.release.id)).toEqual(
          Array.from({ length: n }, (_, i) => `r${String(i + 1).padStart(4, '0')}`).flatMap(
            (id) => [id, id],
          ),
        )
        expect(answers()[0]?.releasesBetween).toBe(n + 1)
      })
      it('then each fact the page touches is shown at both ends', () => {
        const lastOfT0 = n - facts
        const t0 = answers()
          .flatMap((a) => a.facts)
          .find((f) => f.entity.id === 'thing/t0' && f.predicate === 'v')
        expect(t0?.before).toBeNull()
        expect(t0?.after?.values.map((v) => v.value.text)).toEqual([String(lastOfT0 + 1)])
      })
    })
    describe('when the second half is diffed for one entity', () => {
      it('then only that entity’s changes after the middle are listed, each with its before and after', () => {
        const d = right(
          reader.diff({
            from: asOf(`r${String(n / 2).padStart(4, '0')}`),
            to: latest,
            policy: onScreenOnly,
            entity: 'Thing 7',
            page: { limit: 1000 },
          }),
        )
        const revisions = d.changes.filter((c) => c.predicate === 'v')
        const expected = Array.from({ length: n }, (_, i) => i)
          .filter((i) => i >= n / 2 && i % facts === 7)
          .map((i) => i + 1)
        expect(revisions.map((c) => c.after?.text)).toEqual(expected.map(String))
        expect(revisions.slice(1).map((c) => c.before?.text)).toEqual(
          expected.slice(0, -1).map(String),
        )
        expect(d.changes.every((c) => c.entity.id === 'thing/t7')).toBe(true)
        expect(d.facts).toHaveLength(1 + expected.length)
      })
    })
  })
}
