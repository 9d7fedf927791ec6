import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityId, ReleaseId } from '../domain/ids'
import type { ReleaseCut } from '../../projections/cut'
import { asOfRelease } from '../../projections/cut'
import type { CanonState } from '../../projections/canon'
import type { LedgerView } from '../../projections/ledgerView'
import { canonicalEntity } from '../../projections/entityView'
import { diff as diffOf } from '../../projections/diff'
import type { FactAt } from '../../projections/diff'
import type { AppError } from './errors'
import { releaseRef, renderValue } from './answers'
import { answerAt, atCut, resolveEntity } from './cutResolution'
import { entityRef, releaseRefs } from './renderEntity'
import type { DiffAnswer, DiffQuery, FactAtAnswer } from './queryTypes'

const cutOfArg = (c: ReleaseCut | ReleaseId): ReleaseCut =>
  typeof c === 'string' ? asOfRelease(c) : c

const factAtAnswer = (
  state: CanonState,
  refs: ReturnType<typeof releaseRefs>,
  fact: FactAt | undefined,
): FactAtAnswer | null =>
  fact === undefined
    ? null
    : {
        status: fact.status,
        values: fact.claims.map((c) => ({
          claim: c.id,
          value: renderValue(state, c.value),
          tier: c.tier,
          source: refs(
            [...c.provenance].reverse().find((s) => s.change !== 'Confirmed')?.release ??
              c.provenance[0]?.release ??
              ('' as ReleaseId),
          ),
        })),
      }

export const diffIn = (view: LedgerView, q: DiffQuery): E.Either<AppError, DiffAnswer> =>
  pipe(
    E.Do,
    E.bind('a', () => atCut(view, cutOfArg(q.from), q.policy)),
    E.bind('b', () => atCut(view, cutOfArg(q.to), q.policy)),
    E.flatMap(({ a, b }) => {
      const inB = new Set(b.admitted.map((r) => r.release.id))
      const outside = a.admitted.find((r) => !inB.has(r.release.id))
      if (outside !== undefined)
        return E.left<AppError, DiffAnswer>({
          _tag: 'InvalidInput',
          source: 'diff',
          problems: [
            `'from' must not reach past 'to': release '${outside.release.id}' is in 'from' but not in 'to' (give the earlier cut first)`,
          ],
        })
      const entity =
        q.entity === undefined
          ? E.right<AppError, EntityId | undefined>(undefined)
          : E.map((r: { readonly entity: EntityId }) => r.entity as EntityId | undefined)(
              resolveEntity(b, q.entity),
            )
      return E.map((id: EntityId | undefined): DiffAnswer => {
        const d = diffOf(view.releases, a.admitted, b.admitted, q.policy, id)
        const refs = releaseRefs(b.admitted)
        return {
          from: answerAt(a),
          to: answerAt(b),
          entity: id === undefined ? null : entityRef(b.state, canonicalEntity(b.state, id)),
          releases: d.releases.map((r) => releaseRef(r.release)),
          changes: d.changes.map((c) => ({
            release: releaseRef(c.release.release),
            change: c.class._tag === 'revised' ? `revised:${c.class.kind}` : c.class._tag,
            ...(c.class._tag === 'revised' ? { kind: c.class.kind } : {}),
            entity: entityRef(b.state, c.entity),
            ...(c.predicate === undefined ? {} : { predicate: c.predicate }),
            ...(c.claim === undefined ? {} : { claim: c.claim }),
            ...(c.before === undefined ? {} : { before: renderValue(b.state, c.before) }),
            ...(c.after === undefined ? {} : { after: renderValue(b.state, c.after) }),
            ...(c.other === undefined ? {} : { other: entityRef(b.state, c.other) }),
            ...(c.name === undefined ? {} : { name: c.name }),
            ...(c.settles === undefined ? {} : { settles: c.settles }),
          })),
          facts: d.facts.map((f) => ({
            entity: entityRef(b.state, f.entity),
            predicate: f.predicate,
            before: factAtAnswer(a.state, releaseRefs(a.admitted), f.before),
            after: factAtAnswer(b.state, refs, f.after),
          })),
        }
      })(entity)
    }),
  )
