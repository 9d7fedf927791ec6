import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { EntityId } from '../domain/ids'
import type { CanonPolicy } from '../domain/canonPolicy'
import { formatCanonPolicy } from '../domain/canonPolicy'
import type { LedgerView, ReleaseView } from '../../projections/ledgerView'
import type { ReleaseCut } from '../../projections/cut'
import { admittedReleases } from '../../projections/cut'
import type { CanonState } from '../../projections/canon'
import { canonicalEntity } from '../../projections/entityView'
import type { CutAnswer } from './answers'
import { cutAnswer } from './answers'
import { claimOrigins, foldCanon } from '../../projections/canon'
import type { Candidate } from '../../projections/lookup'
import { editDistance, lookupEntity } from '../../projections/lookup'
import type { AppError } from './errors'

/** Canon at a cut: the ledger view it was read from, the releases it admits, the fold. */
export interface AtCut {
  readonly view: LedgerView
  readonly cut: ReleaseCut
  readonly policy: CanonPolicy
  readonly admitted: ReadonlyArray<ReleaseView>
  readonly state: CanonState
}

/** Release ids of the ledger view closest to an unknown one (the catalog at the ledger cut). */
const releaseSuggestions = (view: LedgerView, id: string): ReadonlyArray<string> =>
  view.releases
    .map((r) => ({ id: r.release.id, d: editDistance(id.toLowerCase(), r.release.id) }))
    .filter((s) => s.d <= Math.max(2, Math.floor(id.length * 0.4)))
    .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, 5)
    .map((s) => s.id)

export const admittedAt = (
  view: LedgerView,
  cut: ReleaseCut,
): E.Either<AppError, ReadonlyArray<ReleaseView>> =>
  pipe(
    admittedReleases(view, cut),
    E.mapLeft((e): AppError => ({
      _tag: 'NotFound',
      what: `release '${e.release}'`,
      suggestions: releaseSuggestions(view, e.release),
    })),
  )

/** THE read path: the naive fold of exactly the releases the cut admits (projections/canon). */
export const atCut = (
  view: LedgerView,
  cut: ReleaseCut,
  policy: CanonPolicy,
): E.Either<AppError, AtCut> =>
  pipe(
    admittedAt(view, cut),
    E.map((admitted) => ({
      view,
      cut,
      policy,
      admitted,
      state: foldCanon(admitted, policy, claimOrigins(view.releases)),
    })),
  )

const describeCut = (cut: ReleaseCut, policy: CanonPolicy): string => {
  const where =
    cut._tag === 'Latest'
      ? 'in the ledger'
      : cut._tag === 'AsOfRelease'
        ? `as of release '${cut.release}'`
        : cut._tag === 'AsOfDate'
          ? `as of ${cut.date}`
          : `after watching ${cut.watched.join(', ')}`
  return `${where} (canon: ${formatCanonPolicy(policy)})`
}

/**
 * An entity named by id, name or alias at a cut. A miss is a NotFound whose suggestions come
 * from the state at the cut only, so they cannot spoil what comes later.
 */
export const resolveEntity = (
  at: AtCut,
  query: string,
): E.Either<AppError, { readonly entity: EntityId; readonly matched: Candidate }> => {
  const found = lookupEntity(at.state, query)
  switch (found._tag) {
    case 'Found':
      return E.right({ entity: found.entity, matched: found.matched })
    case 'Ambiguous':
      return E.left({
        _tag: 'NotFound',
        what: `a single entity named '${query}' ${describeCut(at.cut, at.policy)} (several match; give an id)`,
        suggestions: [...new Set(found.candidates.map((c) => c.entity))],
      })
    case 'Missing':
      return E.left({
        _tag: 'NotFound',
        what: `entity '${query}' ${describeCut(at.cut, at.policy)}`,
        suggestions: found.suggestions,
      })
    default: {
      const never: never = found
      return never
    }
  }
}

/** Where an answer at this cut stands on both axes. */
export const answerAt = (at: AtCut): CutAnswer =>
  cutAnswer(at.cut, at.policy, at.view.position, at.state)

/** The entity and every entity identified with it at the cut. */
export const groupOf = (state: CanonState, id: EntityId): ReadonlySet<EntityId> => {
  const root = canonicalEntity(state, id)
  return new Set([...state.entities.keys()].filter((e) => canonicalEntity(state, e) === root))
}
