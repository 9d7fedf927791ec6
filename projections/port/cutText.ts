import * as E from 'fp-ts/Either'
import { ReleaseId } from '../../src/domain/ids'
import { IsoDate } from '../../src/domain/calendarDate'
import type { ReleaseCut, WatchedItem } from './cut'
import { asOfDate, asOfRelease, latest, watched } from './cut'

/** At most this many items in a watched set as written (a range counts once). */
export const maxWatchedItems = 500

const releaseIdOf = (text: string): E.Either<string, ReleaseId> =>
  ReleaseId.is(text)
    ? E.right(text)
    : E.left(`'${text}' is not a release id (a lowercase slug such as pic-s1e01)`)

const itemOf = (text: string): E.Either<string, WatchedItem> => {
  const range = /^([^.]*)\.\.([^.]*)$/.exec(text)
  if (range === null)
    return E.map((release: ReleaseId): WatchedItem => ({ _tag: 'Release', release }))(
      releaseIdOf(text),
    )
  const [, from = '', to = ''] = range
  if (to === '') return E.left(`the range '${text}' has no end: write FROM..TO or ..TO`)
  return E.flatMap((end: ReleaseId) =>
    from === ''
      ? E.right<string, WatchedItem>({ _tag: 'Range', to: end })
      : E.map((start: ReleaseId): WatchedItem => ({ _tag: 'Range', from: start, to: end }))(
          releaseIdOf(from),
        ),
  )(releaseIdOf(to))
}

/**
 * A watched set as people write it, on the command line and in a URL alike: releases and
 * ranges, comma separated. `pic-s1e01,pic-s1e10` is exactly those two episodes;
 * `pic-s1e01..pic-s1e05` is every release of that series from the one to the other, in release
 * order; `..pic-s1e10` is the series from its first release through that one.
 */
export const parseWatched = (text: string): E.Either<string, ReadonlyArray<WatchedItem>> => {
  const parts = text.split(',').map((s) => s.trim())
  if (parts.length > maxWatchedItems)
    return E.left(`at most ${maxWatchedItems} releases or ranges, found ${parts.length}`)
  if (parts.some((p) => p === '')) return E.left('an empty item between commas')
  const items: WatchedItem[] = []
  for (const part of parts) {
    const item = itemOf(part)
    if (E.isLeft(item)) return item
    items.push(item.right)
  }
  return E.right(items)
}

/** Before the first release: the `from` of a diff that starts at the beginning. */
export const beforeEverything: ReleaseCut = { _tag: 'AsOfDate', date: '0000-01-01' as IsoDate }

/**
 * One end of a diff as people write it: `start` (before the first release), `latest`, a date
 * (in `region` when one is given), `watched:` and a watched set, or a release id.
 */
export const parseCutTerm = (text: string, region?: string): E.Either<string, ReleaseCut> => {
  const t = text.trim()
  if (t === 'start') return E.right(beforeEverything)
  if (t === 'latest') return E.right(latest)
  if (/^\d{4}-\d{2}-\d{2}$/.test(t))
    return IsoDate.is(t) ? E.right(asOfDate(t, region)) : E.left(`'${t}' is not a date that exists`)
  if (t.startsWith('watched:')) return E.map(watched)(parseWatched(t.slice('watched:'.length)))
  return E.map(asOfRelease)(releaseIdOf(t))
}
