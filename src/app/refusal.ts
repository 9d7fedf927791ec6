import type { DomainError } from '../domain/errors'
import type { LedgerState } from '../domain/state'
import { closestTexts } from '../../projections/port/closest'
import type { AppError } from './errors'
import type { Sourced } from './ledger'

/**
 * The ids of the ledger closest to one a refused command names but the ledger does not hold
 * (a typo of a claim under `confirm:`, of a speaker, of a release a correction names). The
 * author is told of the whole ledger: a write is not a read at a cut.
 */
const suggestionsFor = (e: DomainError, state: LedgerState): ReadonlyArray<string> =>
  e._tag === 'UnknownClaim' || (e._tag === 'InvalidStoryChange' && !state.claims.has(e.claim))
    ? closestTexts(e.claim, state.claims.keys())
    : e._tag === 'UnknownEntity'
      ? closestTexts(e.entity, state.entities.keys())
      : e._tag === 'UnknownSpeaker' && !state.entities.has(e.speaker)
        ? closestTexts(e.speaker, state.entities.keys())
        : e._tag === 'UnknownRelease'
          ? closestTexts(e.release, state.releases.keys())
          : []

/** A refusal of `decide`, with where the command came from and the close ids it may have meant. */
export const refusal = (error: DomainError, sourced: Sourced, state: LedgerState): AppError => {
  const suggestions = suggestionsFor(error, state)
  return {
    _tag: 'Domain',
    error,
    source: sourced.source,
    ...(sourced.where === undefined ? {} : { where: sourced.where(error.at) }),
    ...(suggestions.length === 0 ? {} : { suggestions }),
  }
}
