import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
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
import type { AuditEntry, AuditScope } from '../../reference/audit'
import { correctionsOfEntries } from '../../reference/audit'
import { auditKey } from '../../reference/reads/history'
import type { At } from '../at'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { cutAnswerOf } from '../admission'
import { groupAt, rootAt } from '../entityFold'
import { entityViewAt } from '../entityView'
import { auditAt } from '../audit'
import { namingAt } from '../views'

interface Subject {
  readonly root: number
  readonly scope: AuditScope
}

const subjectOf = (at: At, q: HistoryQuery): E.Either<ReadError, Subject | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map(({ e }: { readonly e: number }): Subject => {
        const root = rootAt(at, e)
        return {
          root,
          scope: {
            subjects: new Set(groupAt(at, root).map((m) => at.a.ix.entities.text(m.e) as EntityId)),
          },
        }
      })(resolveEntity(at, q.entity))

const checkNarrowing = (
  at: At,
  q: HistoryQuery,
  whole: ReadonlyArray<AuditEntry>,
): E.Either<ReadError, void> => {
  const where =
    q.entity === undefined ? describeCut(at.a.cut, at.a.policy) : `of entity '${q.entity}'`
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
  at: At,
  q: HistoryQuery,
  subject: Subject | undefined,
  entries: ReadonlyArray<AuditEntry>,
  plan: PagePlan,
): HistoryAnswer => {
  const page = pageOf(entries, auditKey, plan, historyIdentity(q), at.a.position)
  const naming = namingAt(at)
  const ix = at.a.ix
  return {
    at: cutAnswerOf(at.a),
    entity:
      subject === undefined
        ? null
        : {
            ...entityRef(naming, ix.entities.text(subject.root) as EntityId),
            aliases: entityViewAt(at, subject.root)?.aliases ?? [],
          },
    predicate: q.predicate ?? null,
    claim: q.claim ?? null,
    changes: q.changes ?? null,
    entries: page.items.map((e) => auditEntryAnswer(naming, e)),
    corrections: correctionsOfEntries(page.items).map((c) => correctionAnswer(naming, c)),
    page: page.page,
  }
}

/** The audit at a cut, of an entity, a fact, a claim, or the whole universe, a page at a time. */
export const historyRead = (b: Basis, q: HistoryQuery): E.Either<ReadError, HistoryAnswer> =>
  pipe(
    planPage(q.page, historyIdentity(q), b.head),
    E.flatMap((plan) =>
      pipe(
        atCut(b, {
          ...q.at,
          ...(plan.position === undefined ? {} : { ledgerPosition: plan.position }),
        }),
        E.flatMap((at) =>
          pipe(
            subjectOf(at, q),
            E.flatMap((subject) => {
              const scope = subject?.scope ?? {}
              const whole = auditAt(at, scope)
              return E.map(() => {
                const narrowed = auditAt(at, {
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
