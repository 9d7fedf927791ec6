import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import { onScreenOnly } from '../../../src/domain/canonPolicy'
import { isoDate } from '../../../src/domain/calendarDate'
import { releaseId } from '../../../src/domain/ids'
import type { Cut, ReleaseCut, WatchedItem } from '../../../projections/port/cut'
import { asOfDate, asOfRelease, watched } from '../../../projections/port/cut'
import type { ReadError } from '../../../projections/port/errors'
import { describeReadError } from '../../../projections/port/errors'
import type { ClaimAnswer, EntityAnswer, FactAnswer } from '../../../projections/port/answers'
import type { PageRequest } from '../../../projections/port/page'

/**
 * The words of the scenario suites: cuts as a person says them, and the answers' parts a
 * scenario reads. Each suite is a function of a reader factory (`OpenReader` of the reader
 * contract), so every reader of the port runs the same script of reads and expected answers.
 */

/** A cut on every axis: the release cut, on-screen canon unless told, the head unless told. */
export const cutOf = (
  release: ReleaseCut,
  policy: CanonPolicy = onScreenOnly,
  ledgerPosition?: bigint,
): Cut => (ledgerPosition === undefined ? { release, policy } : { release, policy, ledgerPosition })

export const asOf = (id: string): ReleaseCut => asOfRelease(releaseId(id))
export const onDate = (date: string, region?: string): ReleaseCut => asOfDate(isoDate(date), region)

/** A watched set as a shell writes it: `sf-1`, `sf-1..sf-3`, `..sf-2`. */
export const watching = (...items: ReadonlyArray<string>): ReleaseCut =>
  watched(watchedItems(...items))

export const watchedItems = (...items: ReadonlyArray<string>): ReadonlyArray<WatchedItem> =>
  items.map(watchedItemOf)

const watchedItemOf = (text: string): WatchedItem => {
  const range = /^(.*)\.\.(.+)$/.exec(text)
  if (range === null) return { _tag: 'Release', release: releaseId(text) }
  const [, from = '', to = ''] = range
  return from === ''
    ? { _tag: 'Range', to: releaseId(to) }
    : { _tag: 'Range', from: releaseId(from), to: releaseId(to) }
}

/** The answer of a read, or the scenario fails naming the refusal. */
export const right = <A>(r: E.Either<ReadError, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected an answer, got: ${describeReadError(r.left)}`)
  return r.right
}

/** The refusal of a read, or the scenario fails showing the answer. */
export const left = <A>(r: E.Either<ReadError, A>): ReadError => {
  if (E.isRight(r)) throw new Error(`expected a refusal, got an answer: ${JSON.stringify(r.right)}`)
  return r.left
}

/** The first page of a paged read, of the default size. */
export const page: PageRequest = {}

export const factsOf = (a: EntityAnswer): Readonly<Record<string, FactAnswer>> =>
  Object.fromEntries(a.facts.map((f) => [f.predicate, f]))

/** The values of one fact as text, best-ranked first; undefined when the fact is not known. */
export const texts = (a: EntityAnswer, predicate: string): ReadonlyArray<string> | undefined =>
  factsOf(a)[predicate]?.claims.map((c) => c.value.text)

/** Each claim's provenance as `change@release`, in order. */
export const provenanceOf = (
  claims: ReadonlyArray<ClaimAnswer> | undefined,
): ReadonlyArray<ReadonlyArray<string>> | undefined =>
  claims?.map((c) => c.provenance.map((p) => `${p.change}@${p.release.id}`))

/** Everything a viewer reads in an answer or a refusal, as one text, for "never names" checks. */
export const shown = (r: E.Either<ReadError, unknown>): string =>
  E.isLeft(r) ? describeReadError(r.left) : JSON.stringify(r.right)

/**
 * A read shared by the `it`s of one `when`, asked when the first of them runs (not while the
 * suite is collected), so a refusal fails those `it`s and not the whole file.
 */
export const once = <A>(read: () => A): (() => A) => {
  let memo: { readonly value: A } | undefined
  return () => (memo ??= { value: read() }).value
}
