import type { RecordRelease } from '../../../src/domain/commands'
import type { Change } from '../../../src/domain/change'
import type { Release } from '../../../src/domain/release'
import { claimId, entityId, predicate, releaseId, text } from '../../../src/domain/ids'
import { isoDate } from '../../../src/domain/calendarDate'

/**
 * The n-th release a fault test writes, always the same for the same (prefix, n): a test can
 * check that what the store holds is exactly and completely what was asked for.
 */
export const syntheticRelease = (prefix: string, n: number, claims = 12): RecordRelease => {
  const entity = entityId(`thing/${prefix}-${n}`)
  const day = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)
  const release = {
    id: releaseId(`${prefix}-${n}`),
    title: text(`${prefix} release ${n}`),
    series: text(`Series ${prefix}`),
    kind: 'episode',
    date: isoDate(day),
    sequence: n,
  } as Release
  const changes: Change[] = [
    { _tag: 'Introduced', entity, name: text(`Thing ${prefix} ${n}`) },
    ...Array.from({ length: claims }, (_, k): Change => ({
      _tag: 'Asserted',
      claim: claimId(`${prefix}-${n}.fact-${k}`),
      subject: entity,
      predicate: predicate(`fact-${k}`),
      value: { _tag: 'Text', text: text(`value ${k} of ${prefix} ${n} `.repeat(8).trim()) },
    })),
  ]
  return { _tag: 'RecordRelease', release, changes }
}
