import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { LedgerEvent } from '../../../src/domain/events'
import { isoDate } from '../../../src/domain/calendarDate'
import { text } from '../../../src/domain/ids'
import {
  about,
  alias,
  assert,
  atLeast,
  atMost,
  becomes,
  calendar,
  calendarDeclared,
  builtInCalendar,
  confirm,
  corrected,
  ends,
  eraCalendar,
  exact,
  fixChange,
  fixRelease,
  identify,
  introduce,
  list,
  ref,
  recordedEraYear,
  release,
  released,
  retract,
  revise,
  stardate,
  textValue,
  timeValue,
  withdraw,
} from '../../support/builders'
import { wholeArc } from './marsAttack'

/** What a store does with an event: JSON text out, JSON text in, decoded by the codec. */
const roundTrip = (event: LedgerEvent) =>
  LedgerEvent.decode(JSON.parse(JSON.stringify(LedgerEvent.encode(event))))

const kitchenSink = released(
  release('pic-s1e01', {
    date: '2020-01-23',
    series: 'Star Trek: Picard',
    title: 'Remembrance',
    season: 1,
    episode: 1,
    stardate: stardate(76543.2),
    regionalDates: [{ region: 'international', date: '2020-01-24' }],
    dateNote: 'US date; a day later elsewhere',
    note: 'season premiere',
  }),
  introduce('event/mars-attack', 'Mars Attack', { aliases: ['Attack on Mars'], note: 'n' }),
  alias('event/mars-attack', 'First Contact Day attack', 'said by Picard'),
  assert('mars-attack.casualties', {
    subject: 'event/mars-attack',
    predicate: 'casualties',
    value: atLeast(92000, 'lives'),
    valid: { from: calendar('2385-04-05'), until: calendar('2399'), note: text('about 15 years') },
    quote: 'over 92,000 lives',
    note: 'a note',
    exactReleaseUnknownWithin: 'Star Trek: Picard season 1',
  }),
  assert('mars-attack.all-values', {
    subject: 'event/mars-attack',
    predicate: 'all-values',
    value: list(
      textValue('text'),
      exact(1),
      about(2, 'ships'),
      atMost(3.5),
      ref('event/mars-attack'),
      { _tag: 'Time', time: calendar('2385-04') },
      { _tag: 'Time', time: stardate(41153.7) },
    ),
  }),
  confirm('mars-attack.casualties', { quote: '92,000', saidBy: ['person/jean-luc-picard'] }),
  revise('mars-attack.perpetrator', {
    kind: 'reattribution',
    value: ref('person/commodore-oh'),
    settles: ['mars-attack.perpetrator.alt'],
    valid: { from: calendar('2385') },
    believedBy: ['person/raffi', 'person/jean-luc-picard'],
  }),
  becomes('mars-attack.first-casualties', atLeast(92000, 'lives'), {
    from: recordedEraYear(32, 'BBY', 'galactic', 0, 'down'),
    when: 'after the first reports',
    saidBy: ['org/fnn'],
  }),
  ends('synth-ban.status', { when: 'late 2399 or early 2400', note: 'lifted' }),
  retract('mars-attack.old', { note: 'never said' }),
  identify('person/commodore-oh', 'person/nedar', { note: 'secondary' }),
)

const everyEventKind: ReadonlyArray<LedgerEvent> = [
  kitchenSink,
  ...wholeArc,
  released(release('novel-1', { date: '1996-08-01', kind: 'novel', series: 'A Song' })),
  calendarDeclared(
    eraCalendar(
      'galactic',
      'Galactic Standard',
      [
        ['BBY', 'down'],
        ['ABY', 'up'],
      ],
      { yearZero: true },
    ),
  ),
  calendarDeclared(builtInCalendar('stardate')),
  corrected(
    fixRelease('fix-1', 'pic-s1e01', { title: text('Remembrance'), date: isoDate('2020-01-24') }),
  ),
  corrected(fixRelease('fix-2', 'pic-s1e01', { stardate: calendar('2399') })),
  corrected(withdraw('withdraw-1', 'pic-s1e01')),
  corrected(
    fixChange('fix-3', 'pic-s1e01', 'mars-attack.casualties', {
      value: timeValue('2385-04-05'),
      quote: text('q'),
      note: text('n'),
      valid: { until: stardate(1) },
    }),
  ),
]

describe('the event codecs (the storage format)', () => {
  describe('given every kind of event, change, value and correction', () => {
    it('when encoded to JSON and decoded, then each comes back identical', () => {
      const tags = new Set<string>()
      for (const event of everyEventKind) {
        expect(roundTrip(event)).toEqual(E.right(event))
        tags.add(event._tag)
        if (event._tag === 'ReleaseRecorded') for (const c of event.changes) tags.add(c._tag)
        else if (event._tag === 'EntryCorrected') tags.add(event.correction.target._tag)
      }
      expect([...tags].sort()).toEqual(
        [
          'ReleaseRecorded',
          'EntryCorrected',
          'CalendarDeclared',
          'StoryChanged',
          'Introduced',
          'Aliased',
          'Asserted',
          'Confirmed',
          'Revised',
          'Retracted',
          'Identified',
          'ReleaseEntryFixed',
          'ReleaseEntryWithdrawn',
          'ChangeEntryFixed',
        ].sort(),
      )
    })
  })

  describe('given malformed stored values', () => {
    const good = JSON.parse(JSON.stringify(kitchenSink)) as {
      release: Record<string, unknown>
      changes: Array<Record<string, unknown>>
    }
    /** The kitchen-sink event with one part replaced. */
    const mutated = (edit: (e: typeof good) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(good)) as typeof good
      edit(copy)
      return copy
    }
    const rejects = (u: unknown) => expect(E.isLeft(LedgerEvent.decode(u))).toBe(true)

    it('then the unmodified event decodes (the cases below differ from it in one place)', () => {
      expect(E.isRight(LedgerEvent.decode(mutated(() => undefined)))).toBe(true)
    })

    it('rejects a release date that does not exist (2023-02-30) or is not YYYY-MM-DD', () => {
      for (const date of ['2023-02-30', '2023-13-01', '2021-02-29', '23-01-01', '2020-1-23', ''])
        rejects(mutated((e) => (e.release.date = date)))
      expect(E.isRight(LedgerEvent.decode(mutated((e) => (e.release.date = '2024-02-29'))))).toBe(
        true,
      )
    })

    it('rejects a regional date that does not exist', () => {
      rejects(mutated((e) => (e.release.regionalDates = [{ region: 'x', date: '2020-04-31' }])))
    })

    it('rejects bad entity ids', () => {
      for (const id of ['mars-attack', 'Event/mars-attack', 'event/', '/mars-attack', 'event/a b'])
        rejects(mutated((e) => (e.changes[0]!.entity = id)))
    })

    it('rejects bad release, claim and predicate ids', () => {
      rejects(mutated((e) => (e.release.id = 'Pic S1E01')))
      rejects(mutated((e) => (e.changes[2]!.claim = '')))
      rejects(mutated((e) => (e.changes[2]!.predicate = 'Casualties')))
    })

    it('rejects an unknown revision kind', () => {
      rejects(mutated((e) => (e.changes[5]!.kind = 'reboot')))
    })

    it('rejects an unknown release kind, change tag or event tag', () => {
      rejects(mutated((e) => (e.release.kind = 'podcast')))
      rejects(mutated((e) => (e.changes[1]!._tag = 'Renamed')))
      rejects({ ...good, _tag: 'ReleaseDeleted' })
    })

    it('rejects a negative or fractional sequence', () => {
      rejects(mutated((e) => (e.release.sequence = -1)))
      rejects(mutated((e) => (e.release.sequence = 1.5)))
    })

    it('rejects empty or untrimmed text', () => {
      rejects(mutated((e) => (e.release.title = '')))
      rejects(mutated((e) => (e.release.title = ' Remembrance')))
    })

    it('rejects an unknown quantity qualifier and a value of unknown shape', () => {
      rejects(
        mutated(
          (e) => (e.changes[2]!.value = { _tag: 'Quantity', amount: 1, qualifier: 'roughly' }),
        ),
      )
      rejects(mutated((e) => (e.changes[2]!.value = 92000)))
    })

    it('rejects a list nested in a list', () => {
      rejects(
        mutated(
          (e) =>
            (e.changes[3]!.value = {
              _tag: 'List',
              items: [{ _tag: 'List', items: [] }],
            }),
        ),
      )
    })

    it('rejects an account with no speaker or of an unknown kind, and an era year that is negative or fractional', () => {
      rejects(mutated((e) => (e.changes[4]!.account = { by: [], as: 'said' })))
      rejects(mutated((e) => (e.changes[4]!.account = { by: ['person/x'], as: 'claimed' })))
      const era = (year: unknown) => ({ _tag: 'Time', time: { _tag: 'Era', era: 'BBY', year } })
      rejects(mutated((e) => (e.changes[2]!.value = era(-32))))
      rejects(mutated((e) => (e.changes[2]!.value = era(3.5))))
      expect(E.isRight(LedgerEvent.decode(mutated((e) => (e.changes[2]!.value = era(0)))))).toBe(
        true,
      )
    })

    it('rejects a missing required field', () => {
      rejects(mutated((e) => delete e.release.series))
      rejects(mutated((e) => delete e.changes[0]!.name))
    })
  })
})
