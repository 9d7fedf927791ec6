import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { ClaimId, EntityId } from '../../../src/domain/ids'
import type { TimelineAnswer } from '../../port/answers'
import type { TimelineQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { timelineIdentity } from '../../port/identity'
import { pageOf, planPage } from '../../port/page'
import { timelineEntryAnswer } from '../../answers/timeline'
import type { CanonState, ClaimState, EntityState } from '../../reference/canon'
import { timeline, timelineKey } from '../../reference/timeline'
import type { At } from '../at'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { cutAnswerOf } from '../admission'
import { claimAt, live } from '../claimFold'
import { entityAt, groupAt, parentAt, rootAt } from '../entityFold'
import { claimStateOf, namingAt } from '../views'

const onlyOf = (at: At, q: TimelineQuery): E.Either<ReadError, ReadonlySet<number> | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map(
        ({ e }: { readonly e: number }): ReadonlySet<number> | undefined =>
          new Set(groupAt(at, rootAt(at, e)).map((m) => m.e)),
      )(resolveEntity(at, q.entity))

/** The canon state of the live claims given, with their subjects and identification chains. */
const stateOf = (at: At, claims: ReadonlyArray<number>): CanonState => {
  const ix = at.a.ix
  const entities = new Map<EntityId, EntityState>()
  const identifiedWith = new Map<EntityId, EntityId>()
  const states = new Map<ClaimId, ClaimState>()
  const addEntity = (e: number): void => {
    for (let hops = 0, x = e; hops < 65; hops++) {
      const id = ix.entities.text(x) as EntityId
      if (entities.has(id)) return
      const s = entityAt(at, x)
      if (s === undefined) return
      entities.set(id, {
        id,
        name: s.name,
        aliases: s.aliases,
        introducedBy: ix.releaseIds.text(s.introducedBy) as EntityState['introducedBy'],
      })
      const parent = parentAt(at, x)
      if (parent < 0) return
      identifiedWith.set(id, ix.entities.text(parent) as EntityId)
      x = parent
    }
  }
  for (const c of claims) {
    const s = claimAt(at, c)
    if (s === undefined || s.status !== live) continue
    const state = claimStateOf(ix, s)
    states.set(state.id, state)
    addEntity(s.subject)
  }
  return { entities, identifiedWith, claims: states }
}

/** The in-universe chronology of what is known at a cut, a page at a time. */
export const timelineRead = (b: Basis, q: TimelineQuery): E.Either<ReadError, TimelineAnswer> =>
  pipe(
    E.Do,
    E.bind('plan', () => planPage(q.page, timelineIdentity(q), b.head)),
    E.bind('at', ({ plan }) =>
      atCut(b, {
        ...q.at,
        ...(plan.position === undefined ? {} : { ledgerPosition: plan.position }),
      }),
    ),
    E.bind('only', ({ at }) => onlyOf(at, q)),
    E.map(({ plan, at, only }): TimelineAnswer => {
      const ix = at.a.ix
      const all = Array.from({ length: ix.claims.size }, (_, c) => c)
      const entries = timeline(stateOf(at, all)).filter(
        (e) => only === undefined || only.has(ix.entities.find(e.subject)),
      )
      const page = pageOf(entries, timelineKey, plan, timelineIdentity(q), at.a.position)
      const naming = namingAt(at)
      return {
        at: cutAnswerOf(at.a),
        entries: page.items.map((e) => timelineEntryAnswer(naming, e)),
        page: page.page,
      }
    }),
  )
