import type * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../../src/domain/canonPolicy'
import { latest } from '../../../../projections/port/cut'
import { beforeEverything } from '../../../../projections/port/cutText'
import type { ReadError } from '../../../../projections/port/errors'
import type { PageAnswer, PageRequest } from '../../../../projections/port/page'
import type { OpenReader } from '../../readerContract'
import { walkPages } from '../../readerReads'
import { decidedLedger } from '../../../support/decidedLedger'
import { cutOf, left, page, right, watching } from '../support'
import { starfallCommands } from './ledger'

/** The items of every page of a paged read, and the pages' own answers. */
const paged = <A extends { readonly page: PageAnswer }, I>(
  read: (p: PageRequest) => E.Either<ReadError, A>,
  items: (a: A) => ReadonlyArray<I>,
  limit: number,
) => {
  const pages = walkPages(read, limit).map((p) => right(p))
  return { pages, items: pages.flatMap(items), whole: items(right(read({ limit: 1000 }))) }
}

/** The audit of one claim, the universe's revision audit, and audits read a page at a time. */
export const starfallAuditScenarios = (name: string, open: OpenReader): void => {
  describe(`given Starfall, audited through the ${name} reader`, () => {
    const events = decidedLedger(starfallCommands)
    const reader = open(events)

    describe('when the history of one claim is asked', () => {
      it('then it lists that claim’s changes with the value before and after each', () => {
        const audit = right(reader.history({ at: cutOf(latest), claim: 'warden.identity', page }))
        expect(audit).toMatchObject({ entity: null, predicate: null, claim: 'warden.identity' })
        expect(
          audit.entries.map((e) => [
            e.change,
            e.kind,
            e.release.id,
            e.oldValue?.text,
            e.newValue?.text,
            e.position,
          ]),
        ).toEqual([
          [
            'asserted',
            undefined,
            'sf-1',
            undefined,
            'a masked enforcer of the Dominion, origin unknown',
            '0',
          ],
          [
            'revised',
            'revelation',
            'sf-3',
            'a masked enforcer of the Dominion, origin unknown',
            'Aldric Vane, a fallen Lantern Knight and Kestrel’s father',
            '4',
          ],
        ])
      })
      it('then at a cut it lists only what that cut admits', () => {
        const early = right(
          reader.history({ at: cutOf(watching('..sf-2')), claim: 'warden.identity', page }),
        )
        expect(early.entries.map((e) => [e.change, e.release.id])).toEqual([['asserted', 'sf-1']])
      })
      it('then, asked of an entity, a claim about another entity is not found', () => {
        expect(
          left(
            reader.history({
              at: cutOf(latest),
              entity: 'The Warden',
              claim: 'kestrel.father',
              page,
            }),
          ),
        ).toMatchObject({
          _tag: 'NotFound',
          kind: 'claim',
          what: "claim 'kestrel.father' of entity 'The Warden'",
        })
      })
    })

    describe('when the universe’s revisions are audited', () => {
      const revisions = (release = latest, policy = onScreenOnly) =>
        right(reader.history({ at: cutOf(release, policy), changes: ['revised'], page }))
      it('then every revision is listed in release order with its kind, and nothing else', () => {
        const audit = revisions()
        expect(audit.changes).toEqual(['revised'])
        expect(audit.entity).toBeNull()
        expect(audit.entries.map((e) => [e.release.id, e.claim, e.kind, e.oldValue?.text])).toEqual(
          [
            [
              'sf-3',
              'warden.identity',
              'revelation',
              'a masked enforcer of the Dominion, origin unknown',
            ],
            ['sf-3', 'kestrel.father', 'revelation', 'a freighter pilot lost in the war'],
            ['sf-3', 'warden.base', 'refinement', 'the ice fortress of Vell'],
          ],
        )
        expect(revisions(latest, allSources).entries).toEqual(audit.entries)
      })
      it('then a viewer who skipped the second film sees the refinement without the value it refined', () => {
        const skipper = revisions(watching('sf-1', 'sf-3'))
        expect(skipper.entries.map((e) => [e.claim, e.oldValue?.text])).toEqual([
          ['warden.identity', 'a masked enforcer of the Dominion, origin unknown'],
          ['kestrel.father', 'a freighter pilot lost in the war'],
          ['warden.base', undefined],
        ])
      })
      it('then before the third film there is none', () => {
        expect(revisions(watching('..sf-2')).entries).toEqual([])
      })
    })

    describe('when an audit is read a page at a time', () => {
      it('then the pages of the universe’s history concatenate to the whole, each but the last with a cursor', () => {
        const { pages, items, whole } = paged(
          (p) => reader.history({ at: cutOf(latest, allSources), page: p }),
          (a) => a.entries,
          4,
        )
        expect(whole.length).toBeGreaterThan(12)
        expect(items).toEqual(whole)
        expect(pages).toHaveLength(Math.ceil(whole.length / 4))
        expect(pages.map((p) => p.page.limit)).toEqual(pages.map(() => 4))
        expect(pages.map((p) => p.page.next === null)).toEqual(
          pages.map((_, i) => i === pages.length - 1),
        )
      })
      it('then the pages of a diff, a timeline and the catalog concatenate to the whole too', () => {
        const diff = paged(
          (p) => reader.diff({ from: beforeEverything, to: latest, policy: allSources, page: p }),
          (a) => a.changes,
          3,
        )
        expect(diff.items).toEqual(diff.whole)
        const timeline = paged(
          (p) => reader.timeline({ at: cutOf(latest), page: p }),
          (a) => a.entries,
          2,
        )
        expect(timeline.items.map((e) => e.time)).toEqual(['3975', '3990', '4012', '4015'])
        expect(timeline.items).toEqual(timeline.whole)
        const catalog = paged(
          (p) => reader.releases({ at: cutOf(latest, allSources), page: p }),
          (a) => a.releases,
          2,
        )
        expect(catalog.items.map((r) => r.id)).toEqual([
          'sf-1',
          'sf-2',
          'sf-3',
          'sf-novel',
          'sfp-1',
        ])
        expect(catalog.pages.map((p) => p.total)).toEqual([5, 5, 5])
      })
      it('then a cursor of another query is refused, naming the cursor', () => {
        const first = right(reader.history({ at: cutOf(latest), page: { limit: 2 } }))
        const cursor = first.page.next ?? ''
        expect(cursor).not.toBe('')
        const another = {
          _tag: 'InvalidQuery',
          field: 'cursor',
          problem:
            'was issued for another query (a different read, cut, policy or filter); ask again without it',
        }
        expect(
          left(reader.history({ at: cutOf(watching('..sf-2')), page: { limit: 2, cursor } })),
        ).toEqual(another)
        expect(
          left(reader.history({ at: cutOf(latest, allSources), page: { limit: 2, cursor } })),
        ).toEqual(another)
        expect(
          left(
            reader.history({ at: cutOf(latest), entity: 'The Warden', page: { limit: 2, cursor } }),
          ),
        ).toEqual(another)
        expect(left(reader.timeline({ at: cutOf(latest), page: { limit: 2, cursor } }))).toEqual(
          another,
        )
        expect(
          left(reader.history({ at: cutOf(latest), page: { limit: 2, cursor: 'abc!' } })),
        ).toMatchObject({
          _tag: 'InvalidQuery',
          field: 'cursor',
          problem: expect.stringMatching(/malformed/) as unknown,
        })
      })
      it('then a page size outside 1..1000 is refused, naming the limit', () => {
        for (const limit of [0, 1001, 2.5])
          expect(left(reader.history({ at: cutOf(latest), page: { limit } }))).toMatchObject({
            _tag: 'InvalidQuery',
            field: 'limit',
          })
      })
    })

    describe('when the third film is recorded between two pages of the villain’s history', () => {
      const before = open(events.slice(0, 4))
      const after = before.extend(events.slice(4))
      const at = cutOf(latest)
      it('then the next page reads the ledger as it stood for the first, and a new walk sees the film', () => {
        const first = right(before.history({ at, entity: 'The Warden', page: { limit: 2 } }))
        const cursor = first.page.next ?? ''
        const second = after.history({ at, entity: 'The Warden', page: { limit: 2, cursor } })
        expect(second).toEqual(
          before.history({ at, entity: 'The Warden', page: { limit: 2, cursor } }),
        )
        expect(right(second).entries.map((e) => e.release.id)).not.toContain('sf-3')
        const fresh = walkPages((p) => after.history({ at, entity: 'The Warden', page: p }), 2)
        expect(fresh.flatMap((p) => right(p).entries.map((e) => e.release.id))).toContain('sf-3')
      })
    })
  })
}
