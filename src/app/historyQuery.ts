import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { Value } from '../domain/value'
import { formatCanonPolicy } from '../domain/canonPolicy'
import { formatInUniverseTime } from '../domain/inUniverseTime'
import type { CanonState } from '../../projections/canon'
import type { LedgerView } from '../../projections/ledgerView'
import { latest } from '../../projections/cut'
import { canonicalEntity, entityView } from '../../projections/entityView'
import { audit } from '../../projections/audit'
import type { FieldFix } from '../../projections/audit'
import type { AppError } from './errors'
import { renderValidity, renderValue } from './answers'
import { atCut, groupOf, resolveEntity } from './cutResolution'
import { entityRef, releaseRefs } from './renderEntity'
import type { AuditEntryAnswer, CorrectionAnswer, HistoryAnswer, HistoryQuery } from './queryTypes'

const renderField = (state: CanonState, fix: FieldFix) => {
  const render = (v: unknown): unknown =>
    v === undefined
      ? null
      : fix.field === 'value'
        ? renderValue(state, v as Value)
        : fix.field === 'valid'
          ? renderValidity(v as Parameters<typeof renderValidity>[0])
          : fix.field === 'stardate' && typeof v === 'object' && v !== null
            ? formatInUniverseTime(v as Parameters<typeof formatInUniverseTime>[0])
            : v
  return { field: fix.field, before: render(fix.before), after: render(fix.after) }
}

export const historyIn = (view: LedgerView, q: HistoryQuery): E.Either<AppError, HistoryAnswer> =>
  pipe(
    atCut(view, latest, q.policy),
    E.flatMap((at) =>
      pipe(
        resolveEntity(at, q.entity),
        E.flatMap(({ entity }) => {
          const root = canonicalEntity(at.state, entity)
          const subjects = groupOf(at.state, root)
          const whole = audit(view, q.policy, { subjects })
          const predicates = [
            ...new Set(
              whole.entries.flatMap((e) => (e.predicate === undefined ? [] : [e.predicate])),
            ),
          ].sort()
          const chosen = predicates.find((p) => p === q.predicate)
          if (q.predicate !== undefined && chosen === undefined)
            return E.left<AppError, HistoryAnswer>({
              _tag: 'NotFound',
              what: `fact '${q.predicate}' of entity '${q.entity}'`,
              suggestions: predicates,
            })
          const a =
            chosen === undefined ? whole : audit(view, q.policy, { subjects, predicate: chosen })
          const rootName = at.state.entities.get(root)
          const refs = releaseRefs([...view.releases, ...view.withdrawn])
          return E.right({
            ledgerPosition: view.position.toString(),
            policy: formatCanonPolicy(q.policy),
            entity: {
              ...entityRef(at.state, root),
              aliases: entityView(at.state, root)?.aliases ?? rootName?.aliases ?? [],
            },
            predicate: q.predicate ?? null,
            entries: a.entries.map((e): AuditEntryAnswer => ({
              release: refs(e.release.release.id),
              tier: e.tier,
              change: e.change,
              ...(e.kind === undefined ? {} : { kind: e.kind }),
              entity: entityRef(at.state, e.subject),
              ...(e.predicate === undefined ? {} : { predicate: e.predicate }),
              ...(e.claim === undefined ? {} : { claim: e.claim }),
              ...(e.oldValue === undefined ? {} : { oldValue: renderValue(at.state, e.oldValue) }),
              ...(e.newValue === undefined ? {} : { newValue: renderValue(at.state, e.newValue) }),
              ...(e.valid === undefined ? {} : { valid: renderValidity(e.valid) }),
              ...(e.name === undefined ? {} : { name: e.name }),
              ...(e.aliases === undefined ? {} : { aliases: e.aliases }),
              ...(e.other === undefined ? {} : { other: entityRef(at.state, e.other) }),
              ...(e.settles === undefined ? {} : { settles: e.settles }),
              ...(e.quote === undefined ? {} : { quote: e.quote }),
              ...(e.note === undefined ? {} : { note: e.note }),
              ...(e.exactReleaseUnknownWithin === undefined
                ? {}
                : { exactReleaseUnknownWithin: e.exactReleaseUnknownWithin }),
              position: e.release.position.toString(),
              recordedAt: e.release.recordedAt,
              withdrawn: e.withdrawn,
            })),
            corrections: a.corrections.map((c): CorrectionAnswer => ({
              id: c.id,
              release: c.release,
              ...(c.claim === undefined ? {} : { claim: c.claim }),
              what: c.what,
              position: c.position.toString(),
              recordedAt: c.recordedAt,
              reason: c.reason,
              fields: c.fields.map((f) => renderField(at.state, f)),
            })),
          })
        }),
      ),
    ),
  )
