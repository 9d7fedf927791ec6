import * as E from 'fp-ts/Either'
import { isoDate } from '../../src/domain/calendarDate'
import type { CanonReader } from '../../projections/port/reader'
import type { Cut, ReleaseCut } from '../../projections/port/cut'
import type { ReadError } from '../../projections/port/errors'
import type { PageAnswer, PageRequest } from '../../projections/port/page'
import type { AuditChangeKind } from '../../projections/port/answers'
import type { Rng } from '../../bench/rng'
import type { GeneratedLedger } from '../support/generatedLedger'
import { generatedReleaseCut } from '../support/generatedCuts'

/**
 * Every read of the port, asked of a reader at one cut: what the reader contract compares
 * between readers and what the spoiler property inspects. A paged read is walked to its end,
 * page by page, so every page and every cursor is part of its answer.
 */
export interface Read {
  readonly label: string
  readonly run: (reader: CanonReader) => unknown
  /** A second release cut the read admits too (a diff's `from`). */
  readonly alsoAdmits?: ReleaseCut
}

/** Every page of a paged read, following `next` (bounded), as the reader answers them. */
export const walkPages = <A extends { readonly page: PageAnswer }>(
  read: (page: PageRequest) => E.Either<ReadError, A>,
  limit: number,
): ReadonlyArray<E.Either<ReadError, A>> => {
  const pages: Array<E.Either<ReadError, A>> = []
  let cursor: string | undefined
  for (let i = 0; i < 200; i++) {
    const answer = read(cursor === undefined ? { limit } : { limit, cursor })
    pages.push(answer)
    if (E.isLeft(answer) || answer.right.page.next === null) break
    cursor = answer.right.page.next
  }
  return pages
}

/** A name as a person might type it: as written, in other case, or with a letter dropped. */
const typed = (r: Rng, name: string): string => {
  const roll = r.int(4)
  if (roll === 0) return name.toUpperCase()
  if (roll === 1 && name.length > 3) return name.slice(0, 2) + name.slice(3)
  return name
}

const someEntity = (r: Rng, g: GeneratedLedger): string =>
  r.chance(0.1) || g.entities.length === 0
    ? 'thing/none'
    : r.chance(0.3) && g.names.length > 0
      ? typed(r, r.pick(g.names))
      : r.pick(g.entities)

const someChanges = (r: Rng): ReadonlyArray<AuditChangeKind> | undefined =>
  r.chance(0.7)
    ? undefined
    : r.pick<ReadonlyArray<AuditChangeKind>>([
        ['revised'],
        ['introduced', 'appeared', 'aliased'],
        ['changed-in-story'],
      ])

/** The reads asked at one cut (a diff also draws a second cut, its `from`). */
export const readsAt = (r: Rng, g: GeneratedLedger, at: Cut): ReadonlyArray<Read> => {
  const limit = 1 + r.int(4)
  const entity = someEntity(r, g)
  const other = someEntity(r, g)
  const from = generatedReleaseCut(r, g)
  const predicate = r.chance(0.2) ? 'zz' : r.pick(['p', 'q', 'when'])
  const claim = r.chance(0.2) || g.claims.length === 0 ? 'c-none' : r.pick(g.claims)
  const changes = someChanges(r)
  const text = g.names.length === 0 ? 'N' : typed(r, r.pick(g.names)).slice(0, 1 + r.int(6))
  const series = r.chance(0.2) ? 'Gamma' : typed(r, r.pick(g.series))
  const hits = 1 + r.int(5)
  const diffEntity = r.chance(0.3) ? { entity } : {}
  return [
    { label: `entity ${entity}`, run: (x) => x.entity({ entity, at }) },
    { label: `entity ${other}`, run: (x) => x.entity({ entity: other, at }) },
    { label: `search ${text}`, run: (x) => x.search({ text, at, limit: hits }) },
    {
      label: `history of ${entity}`,
      run: (x) => walkPages((page) => x.history({ at, entity, page }), limit),
    },
    {
      label: `history of ${entity} ${predicate}`,
      run: (x) => walkPages((page) => x.history({ at, entity, predicate, page }), limit),
    },
    {
      label: `history of claim ${claim}`,
      run: (x) => walkPages((page) => x.history({ at, claim, page }), limit),
    },
    {
      label: `history of everything ${String(changes)}`,
      run: (x) =>
        walkPages(
          (page) => x.history({ at, ...(changes === undefined ? {} : { changes }), page }),
          limit,
        ),
    },
    {
      label: `diff from ${JSON.stringify(from)}`,
      alsoAdmits: from,
      run: (x) =>
        walkPages(
          (page) =>
            x.diff({
              from,
              to: at.release,
              policy: at.policy,
              ...(at.ledgerPosition === undefined ? {} : { ledgerPosition: at.ledgerPosition }),
              ...diffEntity,
              page,
            }),
          limit,
        ),
    },
    {
      label: 'diff from the start',
      run: (x) =>
        walkPages(
          (page) =>
            x.diff({
              from: { _tag: 'AsOfDate', date: isoDate('0000-01-01') },
              to: at.release,
              policy: at.policy,
              ...(at.ledgerPosition === undefined ? {} : { ledgerPosition: at.ledgerPosition }),
              page,
            }),
          limit,
        ),
    },
    {
      label: 'timeline',
      run: (x) => walkPages((page) => x.timeline({ at, page }), limit),
    },
    {
      label: `timeline of ${entity}`,
      run: (x) => walkPages((page) => x.timeline({ at, entity, page }), limit),
    },
    {
      label: 'releases',
      run: (x) => walkPages((page) => x.releases({ at, page }), limit),
    },
    {
      label: `releases of ${series}`,
      run: (x) => walkPages((page) => x.releases({ at, series, page }), limit),
    },
  ]
}
