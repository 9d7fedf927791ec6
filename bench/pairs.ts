import * as E from 'fp-ts/Either'
import type { CanonPolicy } from '../src/domain/canonPolicy'
import { isoDate } from '../src/domain/calendarDate'
import { releaseId } from '../src/domain/ids'
import type { Release } from '../src/domain/release'
import { releaseSortKey } from '../src/domain/release'
import type { Cut } from '../projections/port/cut'
import type { ReleaseAnswer } from '../projections/port/answers'
import type { CanonReader } from '../projections/port/reader'
import type { Rng } from './rng'

/** One entity-as-of question: an entity and a cut. */
export interface Pair {
  readonly entity: string
  readonly at: Cut
  /** For a release cut: its release's sort key (the SQL anchors' question). */
  readonly key?: string
}

/** Every live release at the head, in release order (walking the releases read's pages). */
export const liveReleases = (reader: CanonReader, policy: CanonPolicy): ReleaseAnswer[] => {
  const out: ReleaseAnswer[] = []
  let cursor: string | undefined
  for (;;) {
    const page = reader.releases({
      at: { release: { _tag: 'Latest' }, policy },
      page: { limit: 1000, ...(cursor === undefined ? {} : { cursor }) },
    })
    if (E.isLeft(page)) throw new Error(JSON.stringify(page.left))
    out.push(...page.right.releases)
    if (page.right.page.next === null) return out
    cursor = page.right.page.next
  }
}

export type PairKind = 'release' | 'date' | 'ledgerPosition' | 'watched' | 'allSources'

/**
 * `n` questions of a kind whose entity the cut admits (asked of `filter`, another reader of the
 * same ledger, so the measured reader meets each entity first when it is timed).
 */
export const pairsOf = (
  kind: PairKind,
  n: number,
  r: Rng,
  entities: ReadonlyArray<string>,
  releases: ReadonlyArray<ReleaseAnswer>,
  events: number,
  policies: { readonly onScreen: CanonPolicy; readonly all: CanonPolicy },
  filter: CanonReader,
): Pair[] => {
  const first = Date.parse(releases[0]?.date ?? '2000-01-01')
  const last = Date.parse(releases[releases.length - 1]?.date ?? '2000-01-01')
  const some = (): Pair => {
    const entity = r.pick(entities)
    const rel = r.pick(releases)
    switch (kind) {
      case 'release':
      case 'allSources':
        return {
          entity,
          at: {
            release: { _tag: 'AsOfRelease', release: releaseId(rel.id) },
            policy: kind === 'release' ? policies.onScreen : policies.all,
          },
          key: releaseSortKey({
            date: isoDate(rel.date),
            sequence: rel.sequence as Release['sequence'],
            id: releaseId(rel.id),
          }),
        }
      case 'date':
        return {
          entity,
          at: {
            release: {
              _tag: 'AsOfDate',
              date: isoDate(new Date(first + r.next() * (last - first)).toISOString().slice(0, 10)),
            },
            policy: policies.onScreen,
          },
        }
      case 'ledgerPosition':
        return {
          entity,
          at: {
            release: { _tag: 'Latest' },
            policy: policies.onScreen,
            ledgerPosition: BigInt(Math.floor(events / 4 + r.next() * ((3 * events) / 4 - 1))),
          },
        }
      case 'watched': {
        // A viewer's progress: through an episode of the series that introduced the entity
        // (from its start), and two releases besides.
        const intro = filter.entity({
          entity,
          at: { release: { _tag: 'Latest' }, policy: policies.onScreen },
        })
        const introduced = E.isRight(intro) ? intro.right.entity.introducedBy : rel
        const later = releases.filter(
          (x) => x.series === introduced.series && x.date >= introduced.date,
        )
        return {
          entity,
          at: {
            release: {
              _tag: 'Watched',
              items: [
                { _tag: 'Range', to: releaseId((later.length > 0 ? r.pick(later) : rel).id) },
                { _tag: 'Release', release: releaseId(r.pick(releases).id) },
                { _tag: 'Release', release: releaseId(r.pick(releases).id) },
              ],
            },
            policy: policies.onScreen,
          },
        }
      }
      default: {
        const never: never = kind
        return never
      }
    }
  }
  const out: Pair[] = []
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const p = some()
    if (E.isRight(filter.entity({ entity: p.entity, at: p.at }))) out.push(p)
  }
  return out
}
