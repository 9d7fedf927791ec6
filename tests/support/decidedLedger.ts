import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import type { Command } from '../../src/domain/commands'
import { commandName } from '../../src/domain/commands'
import { decide } from '../../src/domain/decide'
import { describeDomainError } from '../../src/domain/errors'
import type { Recorded } from '../../src/domain/events'
import type { Hasher } from '../../src/domain/hashChain'
import { genesisHash, linkOf } from '../../src/domain/hashChain'
import type { LedgerState } from '../../src/domain/state'
import { emptyState, evolve } from '../../src/domain/state'
import { fixedRecordedAt } from './builders'

const sha256: Hasher = (s) => createHash('sha256').update(s).digest('hex')

/**
 * A ledger as the write path records it: each command decided against the ledger as it stands
 * (the real `decide`), in the order given (append order, not release order), its events
 * recorded at the next positions with fixed recording times (`fixedRecordedAt`) and a real
 * hash chain. A command `decide` refuses fails the spec, naming the command and why: a spec's
 * ledger is one the ledger would accept. An idempotent no-op records nothing.
 */
export const decidedLedger = (
  commands: ReadonlyArray<Command>,
  universe = 'test',
): ReadonlyArray<Recorded> => {
  let state: LedgerState = emptyState()
  let prevHash = genesisHash(universe, sha256)
  const out: Recorded[] = []
  commands.forEach((command, i) => {
    const decided = decide(command, state)
    if (E.isLeft(decided))
      throw new Error(
        `the spec's ledger was refused at command ${i + 1} (${commandName(command)}): ${describeDomainError(decided.left)}`,
      )
    for (const event of decided.right) {
      const recordedAt = fixedRecordedAt(out.length)
      const link = linkOf(event, recordedAt, prevHash, sha256)
      const recorded: Recorded = { position: BigInt(out.length), recordedAt, event, ...link }
      state = evolve(state, recorded)
      prevHash = link.hash
      out.push(recorded)
    }
  })
  return out
}
