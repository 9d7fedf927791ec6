import type { Release } from '../../src/domain/release'
import { tierOf } from '../../src/domain/release'
import type { ReleaseRef } from '../port/answers'

export const releaseRef = (r: Release): ReleaseRef => ({
  id: r.id,
  title: r.title,
  series: r.series,
  kind: r.kind,
  tier: tierOf(r.kind),
  date: r.date,
  sequence: r.sequence,
  ...(r.season === undefined ? {} : { season: r.season }),
  ...(r.episode === undefined ? {} : { episode: r.episode }),
})
