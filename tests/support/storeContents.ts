import * as E from 'fp-ts/Either'
import type { EventStore } from '../../src/store/port'

/** The right of an Either; a left fails the test, naming what it was. */
export const answer = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected an answer, got ${JSON.stringify(r.left)}`)
  return r.right
}

/**
 * Every event a store holds, as one text (positions, data, metadata): taken before and after a
 * refusal, the two are equal exactly when nothing was written.
 */
export const storeContents = async (store: EventStore): Promise<string> =>
  JSON.stringify(answer(await store.readAll()()), (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  )
