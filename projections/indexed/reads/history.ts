import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityId } from '../../../src/domain/ids'
import type { HistoryAnswer } from '../../port/answers'
import type { HistoryQuery } from '../../port/queries'
import type { ReadError } from '../../port/errors'
import { notFound } from '../../port/errors'
import { closestTexts } from '../../port/closest'
import { historyIdentity } from '../../port/identity'
import type { PagePlan } from '../../port/page'
import { encodeCursor, planPage } from '../../port/page'
import { describeCut } from '../../port/describe'
import { auditEntryAnswer, correctionAnswer } from '../../answers/audit'
import { entityRef } from '../../answers/values'
import type { AuditEntry } from '../../reference/audit'
import { correctionsOfEntries } from '../../reference/audit'
import type { ReleaseView } from '../../reference/ledgerView'
import type { At } from '../at'
import { assertionsByPredicate, rowsByTag } from '../ledgerIndex'
import type { Basis } from '../basis'
import { atCut, resolveEntity } from '../basis'
import { admittedGen, cutAnswerOf } from '../admission'
import { groupAt, rootAt } from '../entityFold'
import { groupAliases } from '../groupText'
import type { Scope } from '../audit'
import { auditScopeOf, claimOriginOf, entryOf, isEntry, kindOfRow, tagOfKind } from '../audit'
import type { PlacedRow } from '../ordered'
import { rowKey, rowsInOrder, sortedRows } from '../ordered'
import { closestIn } from '../closest'
import { isClaimTag } from '../rowTags'
import { namingAt } from '../views'

interface Subject {
  readonly root: number
  readonly members: ReadonlySet<number>
}

const subjectOf = (at: At, q: HistoryQuery): E.Either<ReadError, Subject | undefined> =>
  q.entity === undefined
    ? E.right(undefined)
    : E.map(({ e }: { readonly e: number }): Subject => {
        const root = rootAt(at, e)
        return { root, members: new Set(groupAt(at, root).map((m) => m.e)) }
      })(resolveEntity(at, q.entity))

/** Every row an entity group's audit can hold: its own rows, and its claims' rows. */
const groupRows = (at: At, members: ReadonlySet<number>): number[] => {
  const ix = at.a.ix
  const rows: number[] = []
  for (const m of members) {
    rows.push(...ix.entityRows.items(m))
    for (const assertion of new Set(ix.entityAsserts.items(m).map((r) => ix.rowA.get(r))))
      rows.push(...ix.claimRows.items(assertion))
  }
  return rows
}

/** Releases the audit reads: admitted by the cut, live or withdrawn. */
const admitsGen = (at: At) => (g: number) => admittedGen(at.a, at.a.ix.genRelease.get(g)) === g

/** The rows of the whole universe's audit that carry a predicate (small: gathered). */
const predicateRows = (at: At, p: number): number[] => {
  const ix = at.a.ix
  const rows: number[] = []
  for (const c of new Set(
    assertionsByPredicate(ix)
      .items(p)
      .map((r) => ix.rowA.get(r)),
  ))
    rows.push(...ix.claimRows.items(c))
  return rows
}

/** The entries of the audit after a cursor, in order: gathered when few, else walked. */
const entriesFrom = (
  at: At,
  scope: Scope,
  subject: Subject | undefined,
  after: PagePlan['after'],
): Iterable<PlacedRow> => {
  const ix = at.a.ix
  const gatherAtMost = ix.options.gatherAtMost
  const admits = admitsGen(at)
  if (subject !== undefined) return sortedRows(at.a, groupRows(at, subject.members), admits, after)
  if (scope.claim !== undefined)
    return sortedRows(at.a, scope.claim < 0 ? [] : ix.claimRows.items(scope.claim), admits, after)
  // A fact's rows are gathered only when its assertions are few (counted before gathering).
  if (
    scope.predicate !== undefined &&
    (scope.predicate < 0 || assertionsByPredicate(ix).count(scope.predicate) <= gatherAtMost)
  )
    return sortedRows(
      at.a,
      scope.predicate < 0 ? [] : predicateRows(at, scope.predicate),
      admits,
      after,
    )
  if (scope.changes !== undefined) {
    const tags = [...scope.changes].map(tagOfKind)
    const byTag = rowsByTag(ix)
    const count = tags.reduce((n, t) => n + byTag.count(t), 0)
    if (count <= gatherAtMost)
      return sortedRows(
        at.a,
        tags.flatMap((t) => byTag.items(t)),
        admits,
        after,
      )
  }
  return rowsInOrder(at.a, admits, after)
}

/** Whether the audit of the scope holds any entry of a predicate (stops at the first). */
const holdsPredicate = (at: At, scope: Scope, subject: Subject | undefined, p: number) => {
  const ix = at.a.ix
  const holds = (row: number): boolean =>
    isClaimTag(ix.rowTag.get(row)) &&
    admittedGen(at.a, ix.rowRelease.get(row)) >= 0 &&
    isEntry(at, scope, row) &&
    claimOriginOf(at, row)?.predicate === p
  if (subject !== undefined) return groupRows(at, subject.members).some(holds)
  const seen = new Set<number>()
  const assertions = assertionsByPredicate(ix)
  for (
    let e = p < assertions.first.length ? assertions.first.get(p) : -1;
    e >= 0;
    e = assertions.next.get(e)
  ) {
    const c = ix.rowA.get(assertions.item.get(e))
    if (seen.has(c)) continue
    seen.add(c)
    if (ix.claimRows.items(c).some(holds)) return true
  }
  return false
}

const holdsClaim = (at: At, scope: Scope, c: number): boolean => {
  const ix = at.a.ix
  return ix.claimRows.items(c).some((row) => {
    const g = admittedGen(at.a, ix.rowRelease.get(row))
    return g >= 0 && isEntry(at, scope, row)
  })
}

/** A fact or claim asked for must be one the audit at the cut holds; the close ones are named. */
const checkNarrowing = (
  at: At,
  q: HistoryQuery,
  scope: Scope,
  subject: Subject | undefined,
): E.Either<ReadError, void> => {
  const ix = at.a.ix
  const where =
    q.entity === undefined ? describeCut(at.a.cut, at.a.policy) : `of entity '${q.entity}'`
  if (q.predicate !== undefined) {
    const p = ix.predicates.find(q.predicate)
    if (p < 0 || !holdsPredicate(at, scope, subject, p)) {
      const predicates = ix.predicates.texts.filter((_, i) => holdsPredicate(at, scope, subject, i))
      const close = closestTexts(q.predicate, predicates)
      return E.left(
        notFound(
          'fact',
          `fact '${q.predicate}' ${where}`,
          close.length > 0 ? close : predicates.sort(),
        ),
      )
    }
  }
  if (q.claim !== undefined) {
    const c = ix.claims.find(q.claim)
    if (c < 0 || !holdsClaim(at, scope, c)) {
      const close =
        subject === undefined
          ? closestIn(ix.claimWords, ix.claimTrie.of(ix.claims), ix.claims, q.claim, (id) =>
              holdsClaim(at, scope, id),
            )
          : closestTexts(
              q.claim,
              [
                ...new Set(
                  groupRows(at, subject.members)
                    .filter((row) => isClaimTag(ix.rowTag.get(row)))
                    .map((row) => ix.rowA.get(row)),
                ),
              ]
                .filter((id) => holdsClaim(at, scope, id))
                .map((id) => ix.claims.text(id)),
            )
      return E.left(notFound('claim', `claim '${q.claim}' ${where}`, close))
    }
  }
  return E.right(undefined)
}

const answerOf = (
  at: At,
  q: HistoryQuery,
  subject: Subject | undefined,
  scope: Scope,
  plan: PagePlan,
): HistoryAnswer => {
  const ix = at.a.ix
  const views = new Map<number, ReleaseView>()
  const audited = auditScopeOf(ix, scope)
  const items: AuditEntry[] = []
  let next: string | null = null
  for (const p of entriesFrom(at, scope, subject, plan.after)) {
    if (scope.changes !== undefined && !scope.changes.has(kindOfRow(ix.rowTag.get(p.row)))) continue
    if (!isEntry(at, scope, p.row)) continue
    if (items.length === plan.limit) {
      const last = items[items.length - 1] as AuditEntry
      next = encodeCursor(historyIdentity(q), at.a.position, [last.release.key, last.index])
      break
    }
    const entry = entryOf(at, scope, audited, p, views)
    if (entry !== undefined) items.push(entry)
  }
  const naming = namingAt(at)
  return {
    at: cutAnswerOf(at.a),
    entity:
      subject === undefined
        ? null
        : {
            ...entityRef(naming, ix.entities.text(subject.root) as EntityId),
            aliases: groupAliases(at, subject.root),
          },
    predicate: q.predicate ?? null,
    claim: q.claim ?? null,
    changes: q.changes ?? null,
    entries: items.map((e) => auditEntryAnswer(naming, e)),
    corrections: correctionsOfEntries(items).map((c) => correctionAnswer(naming, c)),
    page: { limit: plan.limit, next },
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
              const ix = at.a.ix
              const scope: Scope = subject === undefined ? {} : { subjects: subject.members }
              return E.map(() =>
                answerOf(
                  at,
                  q,
                  subject,
                  {
                    ...scope,
                    ...(q.predicate === undefined
                      ? {}
                      : { predicate: ix.predicates.find(q.predicate) }),
                    ...(q.claim === undefined ? {} : { claim: ix.claims.find(q.claim) }),
                    ...(q.changes === undefined ? {} : { changes: new Set(q.changes) }),
                  },
                  plan,
                ),
              )(checkNarrowing(at, q, scope, subject))
            }),
          ),
        ),
      ),
    ),
  )

export { rowKey }
