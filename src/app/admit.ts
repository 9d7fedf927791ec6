import * as E from 'fp-ts/Either'
import { commandName, commandOf } from '../domain/commands'
import { decide } from '../domain/decide'
import { describeDomainError } from '../domain/errors'
import type { LedgerEvent, Recorded } from '../domain/events'
import { sameContent } from '../domain/json'
import type { LedgerState } from '../domain/state'
import { evolve } from '../domain/state'

/** Why a recorded event would not be recorded by `decide` on the ledger before it. */
export interface NotAdmitted {
  /** The rule it breaks, by name (a DomainError tag, or `RecordedTwice`). */
  readonly rule: string
  readonly reason: string
}

const idOf = (event: LedgerEvent): string => commandName(commandOf(event))

/**
 * THE way recorded events come into a ledger other than by a writer's command (an import, a
 * copy from another store): each is decided again, as its command, on the state of the events
 * before it, and must be exactly what `decide` records. A ledger written around the rules (an
 * identification cycle, a release recorded twice, a claim revised before it was asserted) is
 * refused at its first such event. On success `state` has taken the event (see `evolve`).
 */
export const admit = (
  state: LedgerState,
  recorded: Recorded,
): E.Either<NotAdmitted, LedgerState> => {
  const decided = decide(commandOf(recorded.event), state)
  if (E.isLeft(decided))
    return E.left({ rule: decided.left._tag, reason: describeDomainError(decided.left) })
  const [only, ...more] = decided.right
  if (only === undefined)
    return E.left({
      rule: 'RecordedTwice',
      reason: `${idOf(recorded.event)} is recorded a second time: a ledger records each entry once`,
    })
  if (more.length > 0 || !sameContent(only, recorded.event))
    return E.left({
      rule: 'Decided',
      reason: `${idOf(recorded.event)} is not what the ledger's rules record for it`,
    })
  return E.right(evolve(state, recorded))
}
