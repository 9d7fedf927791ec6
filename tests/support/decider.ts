import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import type { Command } from '../../src/domain/commands'
import { decide } from '../../src/domain/decide'
import type { DomainError } from '../../src/domain/errors'
import { describeDomainError } from '../../src/domain/errors'
import type { LedgerEvent } from '../../src/domain/events'
import { LedgerEvent as LedgerEventCodec } from '../../src/domain/events'
import type { LedgerState } from '../../src/domain/state'
import { foldState } from '../../src/domain/state'
import { recordedLedger } from './builders'

/**
 * Given/when/then for the decider, in the PREreview style:
 *
 *   given(released(premiere, introduce(...)))
 *     .when(recordRelease(finale, assert(...)))
 *     .then(released(finale, assert(...)))
 *
 * `given` takes the events already in the ledger, in ledger (append) order; they are wrapped
 * as Recorded at positions 0, 1, ... and folded with `foldState`, exactly as the app loads a
 * ledger. Every outcome also checks that `decide` left the state it was given untouched (a
 * refusal must leave the ledger unchanged, and deciding must never mutate the fold).
 */
/**
 * A refusal described by its tag and any of its fields, as plain strings (ids unbranded):
 * `{ _tag: 'UnknownEntity', entity: 'event/mars-attack' }`.
 */
export type ErrorPattern = {
  [T in DomainError['_tag']]: { readonly _tag: T } & {
    readonly [K in Exclude<keyof Extract<DomainError, { _tag: T }>, '_tag'>]?: string
  }
}[DomainError['_tag']]

export interface Outcome {
  /** The command is accepted and records exactly these events. */
  readonly then: (...expected: ReadonlyArray<LedgerEvent>) => void
  /** The command is an idempotent no-op: accepted, nothing recorded. */
  readonly thenNothing: () => void
  /**
   * The command is refused with this error: a tag, or a partial error matched field by field.
   * Returns the error and its message so a spec can check the wording.
   */
  readonly thenError: (expected: DomainError['_tag'] | ErrorPattern) => {
    readonly error: DomainError
    readonly message: string
  }
  /** The raw result, for specs that need more than the three shapes above. */
  readonly result: () => E.Either<DomainError, ReadonlyArray<LedgerEvent>>
}

export interface Given {
  readonly state: () => LedgerState
  readonly when: (command: Command) => Outcome
}

/** A snapshot of everything the state holds, comparable with `toEqual`. */
const snapshot = (state: LedgerState): unknown => ({
  releases: [...state.releases.entries()],
  claims: [...state.claims.entries()],
  entities: [...state.entities.entries()],
  identified: [...state.identified.entries()],
  corrections: [...state.corrections.entries()],
  nextPosition: state.nextPosition,
})

const show = (r: E.Either<DomainError, ReadonlyArray<LedgerEvent>>): string =>
  E.isLeft(r) ? `refused: ${describeDomainError(r.left)}` : `accepted: ${JSON.stringify(r.right)}`

export const given = (...events: ReadonlyArray<LedgerEvent>): Given => {
  const state = (): LedgerState => foldState(recordedLedger(events))
  const when = (command: Command): Outcome => {
    const run = (): E.Either<DomainError, ReadonlyArray<LedgerEvent>> => {
      const before = state()
      const expectedSnapshot = snapshot(before)
      const result = decide(command, before)
      expect(snapshot(before), 'decide must not mutate the state it is given').toEqual(
        expectedSnapshot,
      )
      return result
    }
    return {
      result: run,
      then: (...expected) => {
        const result = run()
        expect(E.isRight(result), show(result)).toBe(true)
        if (E.isLeft(result)) return
        expect(result.right).toStrictEqual(expected)
        // What decide emits is what the store keeps: it must pass the storage codec unchanged.
        for (const event of result.right)
          expect(LedgerEventCodec.decode(JSON.parse(JSON.stringify(event)))).toEqual(E.right(event))
      },
      thenNothing: () => {
        const result = run()
        expect(result, show(result)).toStrictEqual(E.right([]))
      },
      thenError: (expected) => {
        const result = run()
        expect(E.isLeft(result), show(result)).toBe(true)
        if (E.isRight(result)) throw new Error('unreachable: asserted a refusal above')
        const error = result.left
        if (typeof expected === 'string') expect(error._tag).toBe(expected)
        else expect(error).toMatchObject(expected)
        const message = describeDomainError(error)
        expect(message.length).toBeGreaterThan(0)
        return { error, message }
      },
    }
  }
  return { state, when }
}
