import * as E from 'fp-ts/Either'
import { decodeAuthoring } from '../../src/app/authoring/decodeAuthoring'
import { describeAppError } from '../../src/app/errors'
import { decide } from '../../src/domain/decide'
import { describeDomainError } from '../../src/domain/errors'
import type { Command } from '../../src/domain/commands'
import type { Recorded } from '../../src/domain/events'
import { ordRelease } from '../../src/domain/release'
import type { LedgerState } from '../../src/domain/state'
import { emptyState, evolve } from '../../src/domain/state'
import { fixedRecordedAt } from './builders'

/**
 * A ledger written in the authoring format, recorded as `canon append` would record it: the
 * file decoded, its calendars declared first, its releases decided in release order, then its
 * corrections; each accepted event recorded at the next position with a fixed time. Anything
 * the file or the ledger refuses fails the spec that wrote it, naming why.
 */
export const yamlLedger = (source: string, text: string): ReadonlyArray<Recorded> => {
  const decoded = decodeAuthoring({ source, text })
  if (E.isLeft(decoded)) throw new Error(describeAppError(decoded.left))
  const content = decoded.right
  const commands: ReadonlyArray<Command> = [
    ...content.calendars,
    ...[...content.releases].sort((a, b) => ordRelease.compare(a.release, b.release)),
    ...content.corrections,
  ]
  let state: LedgerState = emptyState()
  const recorded: Recorded[] = []
  for (const command of commands) {
    const decided = decide(command, state)
    if (E.isLeft(decided)) throw new Error(`${source}: ${describeDomainError(decided.left)}`)
    for (const event of decided.right) {
      const position = recorded.length
      const r: Recorded = {
        position: BigInt(position),
        recordedAt: fixedRecordedAt(position),
        hash: `hash-${position}`,
        prevHash: position === 0 ? 'genesis' : `hash-${position - 1}`,
        event,
      }
      state = evolve(state, r)
      recorded.push(r)
    }
  }
  return recorded
}
