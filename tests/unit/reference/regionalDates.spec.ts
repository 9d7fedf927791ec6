import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { onScreenOnly } from '../../../src/domain/canonPolicy'
import { isoDate } from '../../../src/domain/calendarDate'
import { text } from '../../../src/domain/ids'
import { asOfDate } from '../../../projections/port/cut'
import { referenceReader } from '../../../projections/reference/reader'
import {
  corrected,
  fixRelease,
  introduce,
  recordedLedger,
  release,
  released,
} from '../../support/builders'

/** A regional date set by an editorial correction moves the release for that region only. */
describe('given a premiere with no regional date, and a correction that records one', () => {
  const premiere = release('dis-s1e01', { date: '2017-09-24', series: 'Discovery' })
  const events = recordedLedger([
    released(premiere, introduce('person/burnham', 'Michael Burnham')),
    corrected(
      fixRelease('fix-intl', 'dis-s1e01', {
        regionalDates: [{ region: text('International'), date: isoDate('2017-09-25') }],
      }),
    ),
  ])
  const reader = referenceReader(events)
  const burnhamAt = (date: string, ledgerPosition?: bigint) =>
    reader.entity({
      entity: 'person/burnham',
      at: {
        release: asOfDate(isoDate(date), 'International'),
        policy: onScreenOnly,
        ...(ledgerPosition === undefined ? {} : { ledgerPosition }),
      },
    })

  it('when asked as of the US date in that region after the correction, then the release is not out there yet', () => {
    expect(E.isLeft(burnhamAt('2017-09-24'))).toBe(true)
    expect(E.isRight(burnhamAt('2017-09-25'))).toBe(true)
  })

  it('when asked as the ledger stood before the correction, then the region is not known to it', () => {
    const before = burnhamAt('2017-09-24', 0n)
    expect(E.isLeft(before) && before.left).toMatchObject({ _tag: 'InvalidQuery', field: 'region' })
  })
})
