import { describe, expect, it } from 'vitest'
import { given } from '../../support/decider'
import {
  alias,
  assert,
  atLeast,
  confirm,
  exact,
  introduce,
  list,
  recordRelease,
  ref,
  release,
  released,
  textValue,
} from '../../support/builders'
import {
  childrenOfMars,
  childrenOfMarsChanges,
  picardPremiere,
  picardPremiereChanges,
  upToPicardPremiere,
} from './marsAttack'

const mapsAndLegends = release('pic-s1e02', {
  date: '2020-01-30',
  series: 'Star Trek: Picard',
  title: 'Maps and Legends',
  season: 1,
  episode: 2,
})

describe('decide RecordRelease: recording releases, entities and claims', () => {
  describe('given an empty ledger', () => {
    it('records a release that introduces entities and asserts claims about them', () => {
      given()
        .when(recordRelease(childrenOfMars, ...childrenOfMarsChanges))
        .then(released(childrenOfMars, ...childrenOfMarsChanges))
    })

    it('records a release with no changes (a catalog entry)', () => {
      given().when(recordRelease(picardPremiere)).then(released(picardPremiere))
    })

    it('refuses a claim about an entity that no release introduces', () => {
      const { message } = given()
        .when(
          recordRelease(
            picardPremiere,
            assert('mars-attack.casualties', {
              subject: 'event/mars-attack',
              predicate: 'casualties',
              value: atLeast(92000),
            }),
          ),
        )
        .thenError({ _tag: 'UnknownEntity', entity: 'event/mars-attack', release: 'pic-s1e01' })
      expect(message).toContain("'event/mars-attack'")
      expect(message).toContain("'pic-s1e01'")
    })

    it('refuses a value that refers to an entity that no release introduces', () => {
      given()
        .when(
          recordRelease(
            childrenOfMars,
            introduce('event/mars-attack', 'Mars Attack'),
            assert('mars-attack.perpetrator', {
              subject: 'event/mars-attack',
              predicate: 'perpetrator',
              value: list(textValue('someone'), ref('group/rogue-synths')),
            }),
          ),
        )
        .thenError({ _tag: 'UnknownEntity', entity: 'group/rogue-synths' })
    })

    it('refuses an alias of an entity that no release introduces', () => {
      given()
        .when(recordRelease(childrenOfMars, alias('place/utopia-planitia', 'Utopia Plantia')))
        .thenError({ _tag: 'UnknownEntity', entity: 'place/utopia-planitia' })
    })

    it('refuses a claim about an entity that the same release introduces only after it', () => {
      given()
        .when(
          recordRelease(
            childrenOfMars,
            assert('mars-attack.date', {
              subject: 'event/mars-attack',
              predicate: 'date',
              value: '2385',
            }),
            introduce('event/mars-attack', 'Mars Attack'),
          ),
        )
        .thenError({ _tag: 'UnknownEntity', entity: 'event/mars-attack' })
    })

    it('refuses to introduce one entity twice in one release', () => {
      given()
        .when(
          recordRelease(
            childrenOfMars,
            introduce('event/mars-attack', 'Mars Attack'),
            introduce('event/mars-attack', 'Attack on Mars'),
          ),
        )
        .thenError({
          _tag: 'EntityAlreadyIntroduced',
          entity: 'event/mars-attack',
          by: 'st-children-of-mars',
        })
    })

    it('refuses to confirm a claim that no release asserts', () => {
      const { message } = given()
        .when(recordRelease(picardPremiere, confirm('mars-attack.casualties')))
        .thenError({ _tag: 'UnknownClaim', claim: 'mars-attack.casualties', release: 'pic-s1e01' })
      expect(message).toContain("'mars-attack.casualties'")
    })

    it('refuses a release that acts on one claim twice', () => {
      given()
        .when(
          recordRelease(
            childrenOfMars,
            introduce('event/mars-attack', 'Mars Attack'),
            assert('mars-attack.casualties', {
              subject: 'event/mars-attack',
              predicate: 'casualties',
              value: 92000,
            }),
            confirm('mars-attack.casualties'),
          ),
        )
        .thenError({
          _tag: 'DuplicateChange',
          claim: 'mars-attack.casualties',
          release: 'st-children-of-mars',
        })
    })
  })

  describe('given the Picard premiere', () => {
    const ledger = given(...upToPicardPremiere)

    it('re-appending the same release with the same content is a no-op', () => {
      ledger.when(recordRelease(picardPremiere, ...picardPremiereChanges)).thenNothing()
    })

    it('re-appending the same content with its keys in another order is a no-op', () => {
      const reversed = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(reversed)
          : typeof value === 'object' && value !== null
            ? Object.fromEntries(
                Object.entries(value)
                  .reverse()
                  .map(([k, v]) => [k, reversed(v)]),
              )
            : value
      ledger
        .when(
          recordRelease(
            reversed(picardPremiere) as typeof picardPremiere,
            ...(reversed(picardPremiereChanges) as typeof picardPremiereChanges),
          ),
        )
        .thenNothing()
    })

    it('refuses the same release with another title, naming the differing path', () => {
      const { message } = ledger
        .when(
          recordRelease(
            { ...picardPremiere, title: 'Remembrance (extended)' as never },
            ...picardPremiereChanges,
          ),
        )
        .thenError({
          _tag: 'ReleaseConflict',
          release: 'pic-s1e01',
          detail: '/release/title differs',
        })
      expect(message).toContain('correction')
    })

    it('refuses the same release with another value in one of its changes', () => {
      ledger
        .when(
          recordRelease(
            picardPremiere,
            assert('mars-attack.casualties', {
              subject: 'event/mars-attack',
              predicate: 'casualties',
              value: atLeast(93000, 'lives'),
              quote: 'over 92,000 lives',
            }),
            confirm('mars-attack.perpetrator'),
          ),
        )
        .thenError({ _tag: 'ReleaseConflict', detail: '/changes/0/value/amount differs' })
    })

    it('refuses the same release with a change more', () => {
      ledger
        .when(
          recordRelease(
            picardPremiere,
            ...picardPremiereChanges,
            alias('place/utopia-planitia', 'Utopia'),
          ),
        )
        .thenError({ _tag: 'ReleaseConflict', detail: '/changes/2 differs' })
    })

    it('refuses the same release without its optional regional dates', () => {
      const { regionalDates: _dropped, ...withoutRegional } = picardPremiere
      ledger
        .when(recordRelease(withoutRegional, ...picardPremiereChanges))
        .thenError({ _tag: 'ReleaseConflict', detail: '/release/regionalDates differs' })
    })

    it('records the next episode, which aliases a place and confirms a claim', () => {
      const changes = [
        alias('place/utopia-planitia', 'Utopia Planitia Fleet Yards'),
        confirm('mars-attack.casualties', { quote: '92,000 lives' }),
      ]
      ledger
        .when(recordRelease(mapsAndLegends, ...changes))
        .then(released(mapsAndLegends, ...changes))
    })

    it('refuses to introduce an entity that an earlier release introduced', () => {
      const { message } = ledger
        .when(recordRelease(mapsAndLegends, introduce('event/mars-attack', 'The Attack on Mars')))
        .thenError({
          _tag: 'EntityAlreadyIntroduced',
          entity: 'event/mars-attack',
          by: 'st-children-of-mars',
        })
      expect(message).toContain("'st-children-of-mars'")
    })

    it('refuses to assert a claim id that an earlier release asserted', () => {
      ledger
        .when(
          recordRelease(
            mapsAndLegends,
            assert('mars-attack.casualties', {
              subject: 'event/mars-attack',
              predicate: 'casualties',
              value: exact(92143),
            }),
          ),
        )
        .thenError({
          _tag: 'ClaimAlreadyAsserted',
          claim: 'mars-attack.casualties',
          by: 'pic-s1e01',
        })
    })

    it('records a second claim on the same fact (an open conflict, nothing overwritten)', () => {
      const competing = assert('mars-attack.casualties.secondary', {
        subject: 'event/mars-attack',
        predicate: 'casualties',
        value: exact(92143),
      })
      ledger
        .when(recordRelease(mapsAndLegends, competing))
        .then(released(mapsAndLegends, competing))
    })

    it('refuses a release acting on the same claim twice, even confirm then retract', () => {
      ledger
        .when(
          recordRelease(
            mapsAndLegends,
            confirm('mars-attack.casualties'),
            confirm('mars-attack.casualties'),
          ),
        )
        .thenError({
          _tag: 'DuplicateChange',
          claim: 'mars-attack.casualties',
          release: 'pic-s1e02',
        })
    })
  })
})
