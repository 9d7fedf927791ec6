import { describe, expect, it } from 'vitest'
import { given } from '../../support/decider'
import {
  atLeast,
  confirm,
  correct,
  corrected,
  fixChange,
  fixRelease,
  introduce,
  recordRelease,
  ref,
  release,
  released,
  withdraw,
  assert,
} from '../../support/builders'
import { isoDate } from '../../../src/domain/calendarDate'
import { text } from '../../../src/domain/ids'
import {
  brokenPiecesRecorded,
  childrenOfMarsChanges,
  picardPremiereChanges,
  ouroborosPart2Recorded,
  upToPicardPremiere,
} from './marsAttack'

const titleFix = fixRelease('fix-remembrance-title', 'pic-s1e01', { title: text('Remembrance') })

describe('decide CorrectEntry: editorial corrections of the ledger’s own entries', () => {
  describe('given the Picard premiere', () => {
    const ledger = given(...upToPicardPremiere)

    it('records a correction of a release’s fields', () => {
      ledger.when(correct(titleFix)).then(corrected(titleFix))
    })

    it('records a correction of a quote in a change', () => {
      const fix = fixChange('fix-quote', 'pic-s1e01', 'mars-attack.casualties', {
        quote: text('over 92,000 souls'),
      })
      ledger.when(correct(fix)).then(corrected(fix))
    })

    it('records a correction of a value that a release asserted', () => {
      const fix = fixChange('fix-toll', 'pic-s1e01', 'mars-attack.casualties', {
        value: atLeast(92000, 'souls'),
      })
      ledger.when(correct(fix)).then(corrected(fix))
    })

    it('records a correction of a date that keeps every release consistent', () => {
      const fix = fixRelease('fix-premiere-date', 'pic-s1e01', { date: isoDate('2020-01-24') })
      ledger.when(correct(fix)).then(corrected(fix))
    })

    it('records the withdrawal of a release nothing else depends on', () => {
      const fix = withdraw('withdraw-premiere', 'pic-s1e01')
      ledger.when(correct(fix)).then(corrected(fix))
    })

    it('refuses a correction of a release that is not in the ledger', () => {
      const { message } = ledger
        .when(correct(fixRelease('fix-x', 'pic-s9e99', { title: text('Nothing') })))
        .thenError({ _tag: 'UnknownRelease', release: 'pic-s9e99' })
      expect(message).toContain("'pic-s9e99'")
    })

    it('refuses a correction that sets no field', () => {
      ledger.when(correct(fixRelease('fix-nothing', 'pic-s1e01', {}))).thenError({
        _tag: 'InvalidCorrection',
        correction: 'fix-nothing',
        reason: 'it sets no field',
      })
      ledger
        .when(correct(fixChange('fix-nothing', 'pic-s1e01', 'mars-attack.casualties', {})))
        .thenError({ _tag: 'InvalidCorrection', reason: 'it sets no field' })
    })

    it('refuses a correction of a change that the release did not make', () => {
      const { message } = ledger
        .when(
          correct(fixChange('fix-date', 'pic-s1e01', 'mars-attack.date', { note: text('a note') })),
        )
        .thenError({ _tag: 'InvalidCorrection', correction: 'fix-date' })
      expect(message).toContain("makes no change to claim 'mars-attack.date'")
    })

    it('refuses to set a value or validity on a confirmation, which carries neither', () => {
      ledger
        .when(
          correct(
            fixChange('fix-c', 'pic-s1e01', 'mars-attack.perpetrator', { value: atLeast(1) }),
          ),
        )
        .thenError({ _tag: 'InvalidCorrection', correction: 'fix-c' })
      ledger
        .when(correct(fixChange('fix-c', 'pic-s1e01', 'mars-attack.perpetrator', { valid: {} })))
        .thenError({ _tag: 'InvalidCorrection', correction: 'fix-c' })
    })

    it('refuses a date correction that would move a release before a claim it acts on', () => {
      // The premiere confirms the perpetrator that Children of Mars asserts; moving Children
      // of Mars after the premiere would leave the premiere confirming an unasserted claim.
      const fix = fixRelease('fix-com-date', 'st-children-of-mars', { date: isoDate('2020-02-01') })
      const { message } = ledger
        .when(correct(fix))
        .thenError({ _tag: 'InvalidCorrection', correction: 'fix-com-date' })
      expect(message).toContain("'pic-s1e01'")
      expect(message).toContain("'st-children-of-mars'")
    })

    it('refuses the withdrawal of a release that later releases depend on', () => {
      ledger
        .when(correct(withdraw('withdraw-com', 'st-children-of-mars')))
        .thenError({ _tag: 'InvalidCorrection', correction: 'withdraw-com' })
    })

    it('refuses a sequence correction that makes the release invalid', () => {
      ledger
        .when(correct(fixRelease('fix-seq', 'pic-s1e01', { sequence: -1 as never })))
        .thenError({ _tag: 'InvalidCorrection', correction: 'fix-seq' })
    })
  })

  describe('given a correction already recorded', () => {
    const ledger = given(...upToPicardPremiere, corrected(titleFix))

    it('recording the same correction again is a no-op', () => {
      ledger.when(correct(titleFix)).thenNothing()
    })

    it('refuses the same correction id with different content', () => {
      const { message } = ledger
        .when(
          correct(
            fixRelease('fix-remembrance-title', 'pic-s1e01', { title: text('Remembrance!') }),
          ),
        )
        .thenError({ _tag: 'CorrectionConflict', correction: 'fix-remembrance-title' })
      expect(message).toContain("'fix-remembrance-title'")
    })

    it('re-appending the release as first recorded is still a no-op (corrections are separate)', () => {
      const premiere = upToPicardPremiere[1]
      ledger.when(recordRelease(premiere.release, ...premiere.changes)).thenNothing()
    })
  })

  describe('given corrections of a release’s title and of a quote', () => {
    const quoteFix = fixChange('fix-quote', 'pic-s1e01', 'mars-attack.casualties', {
      quote: text('over 92,000 souls'),
    })
    const retitle = fixRelease('fix-retitle', 'pic-s1e01', { title: text('Remembrance (pilot)') })
    const ledger = given(...upToPicardPremiere, corrected(retitle), corrected(quoteFix))
    const premiere = upToPicardPremiere[1]
    const asCorrected = recordRelease(
      { ...premiere.release, title: text('Remembrance (pilot)') },
      { ...picardPremiereChanges[0], quote: text('over 92,000 souls') },
      picardPremiereChanges[1],
    )

    it('re-appending the release as corrected (the author fixed the file too) is a no-op', () => {
      ledger.when(asCorrected).thenNothing()
    })

    it('refuses other content, naming the difference from the corrected entry', () => {
      ledger
        .when(
          recordRelease(
            { ...premiere.release, title: text('Remembrance (pilot)') },
            ...premiere.changes,
          ),
        )
        .thenError({ _tag: 'ReleaseConflict', detail: '/changes/0/quote differs' })
    })
  })

  describe('given the Broken Pieces reattribution', () => {
    const ledger = given(...upToPicardPremiere, brokenPiecesRecorded, ouroborosPart2Recorded)

    it('refuses a date correction that would move the revision before the claim it revises', () => {
      const fix = fixRelease('fix-bp-date', 'pic-s1e08', { date: isoDate('2019-12-01') })
      const { message } = ledger
        .when(correct(fix))
        .thenError({ _tag: 'InvalidCorrection', correction: 'fix-bp-date' })
      expect(message).toContain("'mars-attack.perpetrator'")
      expect(message).toContain("'pic-s1e08'")
    })

    it('records the withdrawal of the premiere: no later release acts on its claims', () => {
      const fix = withdraw('withdraw-premiere', 'pic-s1e01')
      ledger.when(correct(fix)).then(corrected(fix))
    })

    it('refuses the withdrawal of the release that asserts the claim Broken Pieces revises', () => {
      const bp = brokenPiecesRecorded
      given(...upToPicardPremiere, bp, ouroborosPart2Recorded)
        .when(correct(withdraw('withdraw-com', 'st-children-of-mars')))
        .thenError({ _tag: 'InvalidCorrection', correction: 'withdraw-com' })
    })
  })

  describe('given the premiere and Broken Pieces, which introduces Oh', () => {
    it('refuses a value correction that names an entity introduced only later', () => {
      const fix = fixChange('fix-toll', 'pic-s1e01', 'mars-attack.casualties', {
        value: ref('person/commodore-oh'),
      })
      const { message } = given(...upToPicardPremiere, brokenPiecesRecorded)
        .when(correct(fix))
        .thenError({ _tag: 'InvalidCorrection', correction: 'fix-toll' })
      expect(message).toContain("'person/commodore-oh'")
      expect(message).toContain('later in release order')
    })
  })

  describe('given a withdrawn release', () => {
    const [childrenOfMarsRecorded] = upToPicardPremiere
    const bogus = release('bogus-short', { date: '2020-01-01', kind: 'short' })
    const ledger = given(
      released(bogus, introduce('person/commodore-oh', 'Oh')),
      corrected(withdraw('withdraw-bogus', 'bogus-short')),
      childrenOfMarsRecorded,
    )

    it('refuses a correction of the withdrawn release', () => {
      ledger
        .when(correct(fixRelease('fix-bogus', 'bogus-short', { title: text('Bogus') })))
        .thenError({ _tag: 'UnknownRelease', release: 'bogus-short' })
    })

    it('lets another release introduce what the withdrawn one introduced', () => {
      const pieces = brokenPiecesRecorded
      ledger.when(recordRelease(pieces.release, ...pieces.changes)).then(pieces)
    })

    it('treats its entities as unknown to other releases', () => {
      ledger
        .when(
          recordRelease(
            release('pic-s1e02', { date: '2020-01-30', season: 1, episode: 2 }),
            assert('oh.rank', {
              subject: 'person/commodore-oh',
              predicate: 'rank',
              value: 'Commodore',
            }),
          ),
        )
        .thenError({ _tag: 'UnknownEntity', entity: 'person/commodore-oh' })
    })

    it('re-appending the withdrawn release is a no-op, not a way round the withdrawal', () => {
      ledger.when(recordRelease(bogus, introduce('person/commodore-oh', 'Oh'))).thenNothing()
    })
  })

  describe('given a correction that moved a release', () => {
    it('checks later releases against the corrected date', () => {
      // Children of Mars entered with a wrong date far in the future, then corrected.
      const wrong = release('st-children-of-mars', { date: '2030-01-09', kind: 'short' })
      const ledger = given(
        released(wrong, ...childrenOfMarsChanges),
        corrected(
          fixRelease('fix-com-date', 'st-children-of-mars', { date: isoDate('2020-01-09') }),
        ),
      )
      const c = confirm('mars-attack.perpetrator')
      const premiere = release('pic-s1e01', { date: '2020-01-23', season: 1, episode: 1 })
      ledger.when(recordRelease(premiere, c)).then(released(premiere, c))
    })
  })
})
