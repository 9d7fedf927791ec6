import { describe, expect, it } from 'vitest'
import { given } from '../../support/decider'
import {
  assert,
  atLeast,
  becomes,
  builtInCalendar,
  calendar,
  calendarDeclared,
  confirm,
  correct,
  corrected,
  declareCalendar,
  ends,
  eraCalendar,
  eraYear,
  exact,
  fixChange,
  introduce,
  recordedEraYear,
  recordRelease,
  release,
  released,
  retract,
  stardate,
  timeValue,
} from '../../support/builders'
import {
  article,
  articleRecorded,
  brokenPieces,
  childrenOfMars,
  childrenOfMarsRecorded,
  picardPremiere,
  upToPicardPremiere,
} from './marsAttack'

const endIsTheBeginning = release('pic-s1e03', {
  date: '2020-02-06',
  series: 'Star Trek: Picard',
  season: 1,
  episode: 3,
})
const galactic = eraCalendar(
  'galactic',
  'Galactic Standard',
  [
    ['BBY', 'down'],
    ['ABY', 'up'],
  ],
  { yearZero: true },
)
const westeros = eraCalendar('westeros', 'Since the Conquest', [
  ['BC', 'down'],
  ['AC', 'up'],
])
const dated = (claim: string, time: Parameters<typeof timeValue>[0]) =>
  assert(claim, {
    subject: 'event/mars-attack',
    predicate: claim.split('.')[1] ?? 'p',
    value: timeValue(time),
  })

describe('decide: accounts (attributed statements)', () => {
  describe('given the Picard premiere, where Picard is not yet introduced', () => {
    const ledger = given(...upToPicardPremiere)

    it('records a confirmation said by an entity the release can refer to', () => {
      const speaker = introduce('person/jean-luc-picard', 'Jean-Luc Picard')
      const said = confirm('mars-attack.casualties', {
        quote: 'Mars is burning. Tens of thousands are dead.',
        saidBy: ['person/jean-luc-picard'],
      })
      ledger
        .when(recordRelease(endIsTheBeginning, speaker, said))
        .then(released(endIsTheBeginning, speaker, said))
    })

    it('refuses an account by a speaker no release introduces, naming the change and the claim', () => {
      const { error, message } = ledger
        .when(
          recordRelease(
            endIsTheBeginning,
            confirm('mars-attack.casualties', { saidBy: ['person/raffi-musiker'] }),
          ),
        )
        .thenError({ _tag: 'UnknownSpeaker', speaker: 'person/raffi-musiker' })
      expect(error.at).toEqual({ change: 1, field: ['account'] })
      expect(message).toContain('no release of the ledger introduces it')
    })

    it('refuses an account by a speaker introduced only later in release order', () => {
      const { message } = given(
        ...upToPicardPremiere,
        released(brokenPieces, introduce('person/commodore-oh', 'Commodore Oh')),
      )
        .when(
          recordRelease(
            endIsTheBeginning,
            assert('mars-attack.official-cause', {
              subject: 'event/mars-attack',
              predicate: 'official-cause',
              value: 'a fatal code error',
              believedBy: ['person/commodore-oh'],
            }),
          ),
        )
        .thenError({ _tag: 'UnknownSpeaker', speaker: 'person/commodore-oh' })
      expect(message).toContain("introduced only later in release order, by 'pic-s1e08'")
    })

    it('refuses an on-screen account by a speaker only a secondary source introduces', () => {
      const later = release('pic-s2e01', { date: '2025-01-01', series: 'Star Trek: Picard' })
      const { message } = given(...upToPicardPremiere, articleRecorded)
        .when(recordRelease(later, confirm('mars-attack.casualties', { saidBy: ['person/nedar'] })))
        .thenError({ _tag: 'UnknownSpeaker', speaker: 'person/nedar' })
      expect(message).toContain(`only a secondary source ('${article.id}')`)
    })
  })
})

describe('decide: changes in the story', () => {
  describe('given the Picard premiere', () => {
    const ledger = given(...upToPicardPremiere)

    it('records a new value from an in-universe time, and an end, of facts asserted before', () => {
      const lower = becomes('mars-attack.casualties', atLeast(92143, 'lives'), {
        from: stardate(41153.7),
        when: 'once every report was in',
      })
      const gone = ends('mars-attack.perpetrator')
      ledger
        .when(recordRelease(endIsTheBeginning, lower, gone))
        .then(released(endIsTheBeginning, lower, gone))
    })

    it('refuses a change in the story of a claim no release asserts', () => {
      const { error, message } = ledger
        .when(recordRelease(endIsTheBeginning, becomes('mars-attack.toll', exact(1))))
        .thenError({ _tag: 'InvalidStoryChange', claim: 'mars-attack.toll' })
      expect(error.at).toEqual({ change: 1, field: ['claim'] })
      expect(message).toContain('no release of the ledger asserts it')
    })

    it('refuses a change in the story of a claim its viewers cannot see yet: asserted later in release order', () => {
      const earlier = release('st-ask-not', { date: '2019-11-14', kind: 'short' })
      const { message } = ledger
        .when(recordRelease(earlier, ends('mars-attack.casualties')))
        .thenError({ _tag: 'InvalidStoryChange', claim: 'mars-attack.casualties' })
      expect(message).toContain("asserted only later in release order, by 'pic-s1e01'")
      expect(message).toContain('have not yet been told')
    })

    it('refuses a change in the story of a retracted claim', () => {
      given(...upToPicardPremiere, released(brokenPieces, retract('mars-attack.casualties')))
        .when(
          recordRelease(
            release('pic-s1e09', { date: '2020-03-19' }),
            ends('mars-attack.casualties'),
          ),
        )
        .thenError({ _tag: 'InvalidStoryChange', claim: 'mars-attack.casualties' })
    })

    it('refuses a change in the story made by the release that asserts the claim', () => {
      given(childrenOfMarsRecorded)
        .when(
          recordRelease(
            picardPremiere,
            assert('mars-attack.toll', {
              subject: 'event/mars-attack',
              predicate: 'toll',
              value: 1,
            }),
            becomes('mars-attack.toll', exact(2)),
          ),
        )
        .thenError({ _tag: 'DuplicateChange', claim: 'mars-attack.toll' })
    })

    it('lets a correction fix the value of a change in the story', () => {
      const changed = released(endIsTheBeginning, becomes('mars-attack.casualties', exact(3)))
      const fix = fixChange('fix-toll', 'pic-s1e03', 'mars-attack.casualties', { value: exact(4) })
      given(...upToPicardPremiere, changed)
        .when(correct(fix))
        .then(corrected(fix))
    })
  })
})

describe('decide: calendars', () => {
  describe('given a universe that declares no calendar', () => {
    it('records Gregorian times and stardates, as every ledger before calendars did', () => {
      const changes = [
        dated('mars-attack.day', '2385-04-05'),
        dated('mars-attack.sd', stardate(1.5)),
      ]
      given(childrenOfMarsRecorded)
        .when(recordRelease(picardPremiere, ...changes))
        .then(released(picardPremiere, ...changes))
    })

    it('refuses a year of an era no calendar declares, naming the change and the field', () => {
      const { error, message } = given(childrenOfMarsRecorded)
        .when(recordRelease(picardPremiere, dated('mars-attack.era', eraYear(32, 'BBY'))))
        .thenError({ _tag: 'InvalidTime', time: '32 BBY' })
      expect(error.at).toEqual({ change: 1, field: ['value'] })
      expect(message).toContain('it declares no era calendar')
    })

    it('declares a calendar once: the same again is a no-op, another with its id a conflict', () => {
      given().when(declareCalendar(galactic)).then(calendarDeclared(galactic))
      given(calendarDeclared(galactic)).when(declareCalendar(galactic)).thenNothing()
      given(calendarDeclared(galactic))
        .when(declareCalendar({ ...galactic, yearZero: false }))
        .thenError({ _tag: 'CalendarConflict', calendar: 'galactic' })
    })

    it('refuses a calendar that does not hold together', () => {
      given()
        .when(declareCalendar({ ...galactic, eras: [] }))
        .thenError({ _tag: 'InvalidCalendar', calendar: 'galactic' })
      given()
        .when(declareCalendar({ ...builtInCalendar('gregorian'), eras: galactic.eras ?? [] }))
        .thenError({ _tag: 'InvalidCalendar', calendar: 'gregorian' })
      given(calendarDeclared(builtInCalendar('gregorian')))
        .when(declareCalendar(builtInCalendar('gregorian', 'earth')))
        .thenError({ _tag: 'InvalidCalendar', calendar: 'earth' })
    })
  })

  describe('given a universe that declares years before and after the Battle of Yavin, with a year zero', () => {
    const ledger = given(calendarDeclared(galactic), childrenOfMarsRecorded)

    it('records an era time with its calendar, its era’s place and its counting, whatever case it was written in', () => {
      ledger
        .when(recordRelease(picardPremiere, dated('mars-attack.era', eraYear(32, 'bby'))))
        .then(
          released(
            picardPremiere,
            dated('mars-attack.era', recordedEraYear(32, 'BBY', 'galactic', 0, 'down')),
          ),
        )
    })

    it('records year zero in either era', () => {
      ledger
        .when(recordRelease(picardPremiere, dated('mars-attack.era', eraYear(0, 'ABY'))))
        .then(
          released(
            picardPremiere,
            dated('mars-attack.era', recordedEraYear(0, 'ABY', 'galactic', 1, 'up')),
          ),
        )
    })

    it('takes the same release again, written as the author wrote it, as a no-op', () => {
      const recorded = released(
        picardPremiere,
        dated('mars-attack.era', recordedEraYear(3, 'ABY', 'galactic', 1, 'up')),
      )
      given(calendarDeclared(galactic), childrenOfMarsRecorded, recorded)
        .when(recordRelease(picardPremiere, dated('mars-attack.era', eraYear(3, 'ABY'))))
        .thenNothing()
    })

    it('refuses a Gregorian date, which the universe no longer declares, in a story change’s time', () => {
      const { error, message } = ledger
        .when(
          recordRelease(
            picardPremiere,
            becomes('mars-attack.perpetrator', exact(1), { from: calendar('2385') }),
          ),
        )
        .thenError({ _tag: 'InvalidTime', time: '2385' })
      expect(error.at).toEqual({ change: 1, field: ['from'] })
      expect(message).toContain('no Gregorian calendar')
    })

    it('resolves the era times a correction sets, and refuses an undeclared one', () => {
      const withEra = given(
        calendarDeclared(galactic),
        childrenOfMarsRecorded,
        released(
          picardPremiere,
          dated('mars-attack.era', recordedEraYear(3, 'ABY', 'galactic', 1, 'up')),
        ),
      )
      withEra
        .when(
          correct(
            fixChange('fix-era', 'pic-s1e01', 'mars-attack.era', {
              value: timeValue(eraYear(4, 'ABY')),
            }),
          ),
        )
        .then(
          corrected(
            fixChange('fix-era', 'pic-s1e01', 'mars-attack.era', {
              value: timeValue(recordedEraYear(4, 'ABY', 'galactic', 1, 'up')),
            }),
          ),
        )
      const { error } = withEra
        .when(
          correct(
            fixChange('fix-era', 'pic-s1e01', 'mars-attack.era', {
              value: timeValue(eraYear(4, 'AC')),
            }),
          ),
        )
        .thenError({ _tag: 'InvalidTime', time: '4 AC' })
      expect(error.at).toEqual({ field: ['set', 'value'] })
    })
  })

  describe('given a universe that counts years since the Conquest, without a year zero', () => {
    it('refuses year zero, naming the calendar', () => {
      const { message } = given(calendarDeclared(westeros), childrenOfMarsRecorded)
        .when(recordRelease(picardPremiere, dated('mars-attack.era', eraYear(0, 'AC'))))
        .thenError({ _tag: 'InvalidTime', time: '0 AC' })
      expect(message).toContain("the calendar 'westeros' (Since the Conquest) has no year zero")
    })

    it('refuses an era label that another calendar of the universe already uses', () => {
      given(calendarDeclared(westeros))
        .when(
          declareCalendar(
            eraCalendar('gregorian-eras', 'Common era', [
              ['BC', 'down'],
              ['AD', 'up'],
            ]),
          ),
        )
        .thenError({ _tag: 'InvalidCalendar', calendar: 'gregorian-eras' })
    })
  })

  it('keeps a release dated before its calendar existed as recorded: the article’s Gregorian year stays', () => {
    given(...upToPicardPremiere, calendarDeclared(galactic))
      .when(recordRelease(childrenOfMars, ...childrenOfMarsRecorded.changes))
      .thenNothing()
  })
})
