import { formatInUniverseTime } from '../../src/domain/inUniverseTime'
import type { ReleaseAnswer } from '../port/answers'
import type { CatalogEntry } from '../reference/catalog'
import { releaseRef } from './releaseRef'

export const releaseAnswer = (e: CatalogEntry): ReleaseAnswer => ({
  ...releaseRef(e.release),
  position: e.position.toString(),
  recordedAt: e.recordedAt,
  changes: e.changes,
  corrections: e.corrections,
  ...(e.release.regionalDates === undefined
    ? {}
    : {
        regionalDates: e.release.regionalDates.map((d) => ({ region: d.region, date: d.date })),
      }),
  ...(e.release.stardate === undefined
    ? {}
    : { stardate: formatInUniverseTime(e.release.stardate) }),
  ...(e.release.dateNote === undefined ? {} : { dateNote: e.release.dateNote }),
  ...(e.release.note === undefined ? {} : { note: e.release.note }),
})
