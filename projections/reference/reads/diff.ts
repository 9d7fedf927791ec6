import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../../../src/domain/events'
import type { EntityId } from '../../../src/domain/ids'
import type { DiffAnswer } from '../../port/answers'
import type { DiffQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { invalidQuery } from '../../port/errors'
import { diffIdentity } from '../../port/identity'
import { pageOf, planPage } from '../../port/page'
import { releaseRef } from '../../answers/releaseRef'
import { diffChangeAnswer, factDiffAnswer } from '../../answers/diff'
import { entityRef } from '../../answers/values'
import type { AtCut } from '../atCut'
import { atCutOf, resolveEntity, viewAt } from '../atCut'
import type { DiffChange } from '../diff'
import { diff } from '../diff'
import { factsOf, rootsOf } from '../diffFacts'

/** A diff change's place: its release in release order, then its place in the release. */
export const diffKey = (c: DiffChange) => [c.release.key, c.index]

/** `from` must admit nothing `to` does not: the diff runs forward. */
const checkForward = (a: AtCut, b: AtCut): E.Either<ReadError, void> => {
  const inB = new Set(b.admitted.releases.map((r) => r.release.id))
  const outside = a.admitted.releases.find((r) => !inB.has(r.release.id))
  return outside === undefined
    ? E.right(undefined)
    : E.left(
        invalidQuery(
          'from',
          `'from' must not reach past 'to': release '${outside.release.id}' is in 'from' but not in 'to' (give the earlier cut first)`,
        ),
      )
}

const entityOf = (b: AtCut, q: DiffQuery): E.Either<ReadError, EntityId | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map((r: { readonly entity: EntityId }) => r.entity as EntityId | undefined)(
        resolveEntity(b, q.entity),
      )

/** What changed between two cuts at one policy and ledger position, a page of changes at a time. */
export const diffRead = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  q: DiffQuery,
): E.Either<ReadError, DiffAnswer> =>
  pipe(
    E.Do,
    E.bind('plan', () => planPage(q.page, diffIdentity(q), head)),
    E.bind('view', ({ plan }) => viewAt(events, head, plan.position ?? q.ledgerPosition)),
    E.bind('a', ({ view }) => atCutOf(view, q.from, q.policy, 'from')),
    E.bind('b', ({ view }) => atCutOf(view, q.to, q.policy, 'to')),
    E.tap(({ a, b }) => checkForward(a, b)),
    E.bind('entity', ({ b }) => entityOf(b, q)),
    E.map(({ plan, view, a, b, entity }): DiffAnswer => {
      const d = diff(a.admitted.releases, b.admitted.releases, b.origins, entity)
      const page = pageOf(d.changes, diffKey, plan, diffIdentity(q), view.position)
      const releases = [
        ...new Map(page.items.map((c) => [c.release.release.id, c.release])).values(),
      ]
      return {
        from: a.answer,
        to: b.answer,
        entity: entity === undefined ? null : entityRef(b.naming, b.naming.rootOf(entity)),
        releasesBetween: d.between,
        releases: releases.map((r) => releaseRef(r.release)),
        changes: page.items.map((c) => diffChangeAnswer(b.naming, c)),
        facts: factsOf(page.items, d.from, d.to, rootsOf(d.to)).map((f) =>
          factDiffAnswer(a.naming, b.naming, f),
        ),
        page: page.page,
      }
    }),
  )
