import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Recorded } from '../../../src/domain/events'
import type { ClaimId, EntityId, Predicate } from '../../../src/domain/ids'
import type { HistoryAnswer } from '../../port/answers'
import type { HistoryQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { notFound } from '../../port/errors'
import { closestTexts } from '../../port/closest'
import { historyIdentity } from '../../port/identity'
import type { PagePlan } from '../../port/page'
import { pageOf, planPage } from '../../port/page'
import { describeCut } from '../../port/describe'
import { auditEntryAnswer, correctionAnswer } from '../../answers/audit'
import { entityRef } from '../../answers/values'
import type { AtCut } from '../atCut'
import { atCut, resolveEntity } from '../atCut'
import type { AuditEntry, AuditScope } from '../audit'
import { audit, correctionsOfEntries } from '../audit'
import { canonicalEntity, entityView, groupOf } from '../entityView'

/** An audit entry's place: its release in release order, then its place in the release. */
export const auditKey = (e: AuditEntry) => [e.release.key, e.index]

interface Subject {
  readonly root: EntityId
  readonly scope: AuditScope
}

const subjectOf = (at: AtCut, q: HistoryQuery): E.Either<ReadError, Subject | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map(({ entity }: { readonly entity: EntityId }): Subject => {
        const root = canonicalEntity(at.state, entity)
        return { root, scope: { subjects: new Set(groupOf(at.state, root).map((e) => e.id)) } }
      })(resolveEntity(at, q.entity))

/** A fact or claim asked for must be one the audit at the cut holds; the close ones are named. */
const checkNarrowing = (
  at: AtCut,
  q: HistoryQuery,
  whole: ReadonlyArray<AuditEntry>,
): E.Either<ReadError, void> => {
  const where = q.entity === undefined ? describeCut(at.cut, at.policy) : `of entity '${q.entity}'`
  const predicates = [
    ...new Set(whole.flatMap((e) => (e.predicate === undefined ? [] : [e.predicate]))),
  ]
  if (q.predicate !== undefined && !predicates.includes(q.predicate as Predicate)) {
    const close = closestTexts(q.predicate, predicates)
    return E.left(
      notFound(
        'fact',
        `fact '${q.predicate}' ${where}`,
        close.length > 0 ? close : predicates.sort(),
      ),
    )
  }
  const claims = [...new Set(whole.flatMap((e) => (e.claim === undefined ? [] : [e.claim])))]
  if (q.claim !== undefined && !claims.includes(q.claim as ClaimId))
    return E.left(notFound('claim', `claim '${q.claim}' ${where}`, closestTexts(q.claim, claims)))
  return E.right(undefined)
}

const answerOf = (
  at: AtCut,
  q: HistoryQuery,
  subject: Subject | undefined,
  entries: ReadonlyArray<AuditEntry>,
  plan: PagePlan,
): HistoryAnswer => {
  const page = pageOf(entries, auditKey, plan, historyIdentity(q), at.view.position)
  return {
    at: at.answer,
    entity:
      subject === undefined
        ? null
        : {
            ...entityRef(at.naming, subject.root),
            aliases: entityView(at.state, subject.root)?.aliases ?? [],
          },
    predicate: q.predicate ?? null,
    claim: q.claim ?? null,
    changes: q.changes ?? null,
    entries: page.items.map((e) => auditEntryAnswer(at.naming, e)),
    corrections: correctionsOfEntries(page.items).map((c) => correctionAnswer(at.naming, c)),
    page: page.page,
  }
}

/**
 * The audit at a cut, of an entity (with everything identified with it), one of its facts, a
 * claim, or the whole universe; only the changes of releases the cut admits.
 */
export const historyRead = (
  events: ReadonlyArray<Recorded>,
  head: bigint,
  q: HistoryQuery,
): E.Either<ReadError, HistoryAnswer> =>
  pipe(
    planPage(q.page, historyIdentity(q), head),
    E.flatMap((plan) =>
      pipe(
        atCut(events, head, {
          ...q.at,
          ...(plan.position === undefined ? {} : { ledgerPosition: plan.position }),
        }),
        E.flatMap((at) =>
          pipe(
            subjectOf(at, q),
            E.flatMap((subject) => {
              const scope = subject?.scope ?? {}
              const whole = audit(at.admitted, at.origins, scope)
              return E.map(() => {
                const narrowed = audit(at.admitted, at.origins, {
                  ...scope,
                  ...(q.predicate === undefined ? {} : { predicate: q.predicate as Predicate }),
                  ...(q.claim === undefined ? {} : { claim: q.claim as ClaimId }),
                  ...(q.changes === undefined ? {} : { changes: new Set(q.changes) }),
                })
                return answerOf(at, q, subject, narrowed, plan)
              })(checkNarrowing(at, q, whole))
            }),
          ),
        ),
      ),
    ),
  )
