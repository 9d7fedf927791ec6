import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../../../src/domain/events'
import type { EntityId } from '../../../src/domain/ids'
import type { TimelineAnswer } from '../../port/answers'
import type { TimelineQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { timelineIdentity } from '../../port/identity'
import { pageOf, planPage } from '../../port/page'
import { timelineEntryAnswer } from '../../answers/timeline'
import type { AtCut } from '../atCut'
import { atCut, resolveEntity } from '../atCut'
import { canonicalEntity, groupOf } from '../entityView'
import { timeline, timelineKey } from '../timeline'

const onlyOf = (
  at: AtCut,
  q: TimelineQuery,
): E.Either<ReadError, ReadonlySet<EntityId> | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map(
        ({ entity }: { readonly entity: EntityId }): ReadonlySet<EntityId> | undefined =>
          new Set(groupOf(at.state, canonicalEntity(at.state, entity)).map((e) => e.id)),
      )(resolveEntity(at, q.entity))

/** The in-universe chronology of what is known at a cut, a page at a time. */
export const timelineRead = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  q: TimelineQuery,
): E.Either<ReadError, TimelineAnswer> =>
  pipe(
    E.Do,
    E.bind('plan', () => planPage(q.page, timelineIdentity(q), head)),
    E.bind('at', ({ plan }) =>
      atCut(events, head, {
        ...q.at,
        ...(plan.position === undefined ? {} : { ledgerPosition: plan.position }),
      }),
    ),
    E.bind('only', ({ at }) => onlyOf(at, q)),
    E.map(({ plan, at, only }): TimelineAnswer => {
      const entries = timeline(at.state).filter((e) => only === undefined || only.has(e.subject))
      const page = pageOf(entries, timelineKey, plan, timelineIdentity(q), at.view.position)
      return {
        at: at.answer,
        entries: page.items.map((e) => timelineEntryAnswer(at.naming, e)),
        page: page.page,
      }
    }),
  )
