import { describe, expect, it } from 'vitest'
import { given } from '../../support/decider'
import {
  alias,
  appear,
  assert,
  identify,
  introduce,
  recordRelease,
  ref,
  release,
  released,
  revise,
} from '../../support/builders'
import {
  article,
  articleChanges,
  articleRecorded,
  brokenPieces,
  brokenPiecesChanges,
  brokenPiecesRecorded,
  childrenOfMars,
  childrenOfMarsRecorded,
  upToPicardPremiere,
} from './marsAttack'

const arcadia1 = release('pic-s1e09', {
  date: '2020-03-19',
  series: 'Star Trek: Picard',
  season: 1,
  episode: 9,
})
const interview = release('interview-nedar', {
  date: '2024-08-01',
  series: 'Interviews',
  kind: 'interview',
})

describe('decide RecordRelease: entities, release order and source tiers', () => {
  describe('given the Picard premiere', () => {
    const ledger = given(...upToPicardPremiere)

    it('records the episode that reveals Oh as the mastermind', () => {
      ledger
        .when(recordRelease(brokenPieces, ...brokenPiecesChanges))
        .then(released(brokenPieces, ...brokenPiecesChanges))
    })

    it('refuses an earlier release that refers to an entity introduced later in release order', () => {
      // A release dated before Children of Mars cannot know the Mars Attack.
      const earlier = release('st-ask-not', { date: '2019-11-14', kind: 'short' })
      const { message } = ledger
        .when(recordRelease(earlier, alias('event/mars-attack', 'First Contact Day attack')))
        .thenError({
          _tag: 'EntityNotYetIntroduced',
          entity: 'event/mars-attack',
          release: 'st-ask-not',
          introducedBy: 'st-children-of-mars',
        })
      expect(message).toContain('later in release order')
    })

    it('refuses an entity introduced on the same day but later in the day’s order', () => {
      const sameDayEarlier = release('st-children-of-mars-0', {
        date: childrenOfMars.date,
        kind: 'short',
        sequence: 0,
      })
      // Same date and sequence 0 as Children of Mars: the id breaks the tie, and
      // 'st-children-of-mars-0' sorts after 'st-children-of-mars', so this one is later.
      ledger
        .when(recordRelease(sameDayEarlier, alias('event/mars-attack', 'the attack')))
        .then(released(sameDayEarlier, alias('event/mars-attack', 'the attack')))
      const sameDayBefore = release('st-a', { date: childrenOfMars.date, kind: 'short' })
      ledger
        .when(recordRelease(sameDayBefore, alias('event/mars-attack', 'the attack')))
        .thenError({ _tag: 'EntityNotYetIntroduced', introducedBy: 'st-children-of-mars' })
    })
  })

  describe('given the article that names Oh as General Nedar (a secondary source)', () => {
    const ledger = given(...upToPicardPremiere, brokenPiecesRecorded, articleRecorded)

    it('refuses an on-screen release that refers to an entity only a secondary source introduces', () => {
      const later = release('pic-s3e10', { date: '2024-08-10', series: 'Star Trek: Picard' })
      const { message } = ledger
        .when(recordRelease(later, alias('person/nedar', 'Nedar')))
        .thenError({
          _tag: 'SecondaryEntityOnScreen',
          entity: 'person/nedar',
          release: 'pic-s3e10',
          introducedBy: 'screenrant-mars-attack',
        })
      expect(message).toContain('secondary source')
    })

    it('refuses an on-screen value that refers to a secondary entity', () => {
      const later = release('pic-s3e10', { date: '2024-08-10', series: 'Star Trek: Picard' })
      ledger
        .when(
          recordRelease(
            later,
            revise('mars-attack.perpetrator', { kind: 'revelation', value: ref('person/nedar') }),
          ),
        )
        .thenError({ _tag: 'SecondaryEntityOnScreen', entity: 'person/nedar' })
    })

    it('accepts an on-screen appearance of a secondary source’s entity, which brings it on screen for later releases', () => {
      const shown = release('pic-s3e09', { date: '2024-08-03', series: 'Star Trek: Picard' })
      const later = release('pic-s3e10', { date: '2024-08-10', series: 'Star Trek: Picard' })
      const appearance = appear('person/nedar', 'General Nedar')
      ledger.when(recordRelease(shown, appearance)).then(released(shown, appearance))
      const onScreen = given(
        ...upToPicardPremiere,
        brokenPiecesRecorded,
        articleRecorded,
        released(shown, appearance),
      )
      onScreen
        .when(recordRelease(later, alias('person/nedar', 'Nedar')))
        .then(released(later, alias('person/nedar', 'Nedar')))
    })

    it('accepts a secondary source that refers to another secondary source’s entity', () => {
      const change = alias('person/nedar', 'Nedar')
      ledger.when(recordRelease(interview, change)).then(released(interview, change))
    })

    it('accepts a secondary source that refers to an on-screen entity', () => {
      const change = assert('oh.species', {
        subject: 'person/commodore-oh',
        predicate: 'species',
        value: 'Romulan',
      })
      ledger.when(recordRelease(interview, change)).then(released(interview, change))
    })

    it('refuses to identify an entity that is already identified', () => {
      const { message } = ledger
        .when(recordRelease(interview, identify('person/commodore-oh', 'person/nedar')))
        .thenError({
          _tag: 'InvalidIdentification',
          entity: 'person/commodore-oh',
          sameAs: 'person/nedar',
        })
      expect(message).toContain("'screenrant-mars-attack' already identifies it")
    })
  })

  describe('given the Picard premiere, when a release shows an entity appearing', () => {
    const ledger = given(...upToPicardPremiere)
    const mapsAndLegends = release('pic-s1e02', { date: '2020-01-30', season: 1, episode: 2 })

    it('records an appearance of an entity an earlier release introduced, under the name shown there', () => {
      const appearance = appear('event/mars-attack', 'the attack on Mars', { aliases: ['F8'] })
      ledger
        .when(recordRelease(mapsAndLegends, appearance))
        .then(released(mapsAndLegends, appearance))
    })

    it('refuses an appearance of an entity no release introduces, naming it and where', () => {
      const { message } = ledger
        .when(recordRelease(mapsAndLegends, appear('person/narek', 'Narek')))
        .thenError({ _tag: 'InvalidAppearance', entity: 'person/narek', release: 'pic-s1e02' })
      expect(message).toContain('introduce it instead')
    })

    it('refuses an appearance in the release that introduces the entity, or twice in one release', () => {
      ledger
        .when(
          recordRelease(
            mapsAndLegends,
            introduce('person/narek', 'Narek'),
            appear('person/narek', 'Narek'),
          ),
        )
        .thenError({ _tag: 'InvalidAppearance', entity: 'person/narek' })
      ledger
        .when(
          recordRelease(
            mapsAndLegends,
            appear('event/mars-attack', 'the attack'),
            appear('event/mars-attack', 'the attack on Mars'),
          ),
        )
        .thenError({ _tag: 'InvalidAppearance', entity: 'event/mars-attack' })
    })

    it('refuses an appearance in a release before the introduction in release order', () => {
      const earlier = release('st-ask-not', { date: '2019-11-14', kind: 'short' })
      ledger
        .when(recordRelease(earlier, appear('event/mars-attack', 'the attack')))
        .thenError({ _tag: 'EntityNotYetIntroduced', introducedBy: 'st-children-of-mars' })
    })
  })

  describe('given Oh and the article’s Nedar as two entities', () => {
    const withNedar = released(article, introduce('person/nedar', 'General Nedar'))
    const ledger = given(...upToPicardPremiere, brokenPiecesRecorded, withNedar)

    it('records an identification, effective from that release on', () => {
      const change = identify('person/commodore-oh', 'person/nedar', { quote: 'General Nedar' })
      ledger.when(recordRelease(interview, change)).then(released(interview, change))
    })

    it('refuses to identify one entity with two others in one release', () => {
      const ledgerWithZhaban = given(
        ...upToPicardPremiere,
        released(brokenPieces, ...brokenPiecesChanges, introduce('person/zhaban', 'Zhaban')),
        withNedar,
      )
      const { message } = ledgerWithZhaban
        .when(
          recordRelease(
            interview,
            identify('person/commodore-oh', 'person/nedar'),
            identify('person/zhaban', 'person/nedar'),
          ),
        )
        .thenError({
          _tag: 'InvalidIdentification',
          entity: 'person/zhaban',
          sameAs: 'person/nedar',
        })
      expect(message).toContain("'interview-nedar' already identifies it")
    })

    it('refuses to identify an entity with itself', () => {
      const { message } = ledger
        .when(recordRelease(interview, identify('person/nedar', 'person/nedar')))
        .thenError({
          _tag: 'InvalidIdentification',
          entity: 'person/nedar',
          sameAs: 'person/nedar',
        })
      expect(message).toContain('already itself')
    })

    it('refuses to identify an entity that no release introduces', () => {
      ledger
        .when(recordRelease(interview, identify('person/commodore-oh', 'person/zhaban')))
        .thenError({ _tag: 'UnknownEntity', entity: 'person/zhaban', release: 'interview-nedar' })
    })

    it('refuses an identification before one of the entities is introduced', () => {
      ledger
        .when(recordRelease(arcadia1, identify('person/commodore-oh', 'person/nedar')))
        .thenError({
          _tag: 'EntityNotYetIntroduced',
          entity: 'person/nedar',
          introducedBy: 'screenrant-mars-attack',
        })
    })
  })

  describe('given the whole arc up to Broken Pieces', () => {
    it('records the article with its introduction and identification', () => {
      given(...upToPicardPremiere, brokenPiecesRecorded)
        .when(recordRelease(article, ...articleChanges))
        .then(articleRecorded)
    })

    it('refuses an alias of a known entity in a release before it is introduced', () => {
      given(childrenOfMarsRecorded, brokenPiecesRecorded)
        .when(recordRelease(arcadia1, alias('person/commodore-oh', 'Oh')))
        .then(released(arcadia1, alias('person/commodore-oh', 'Oh')))
      given(childrenOfMarsRecorded, brokenPiecesRecorded)
        .when(
          recordRelease(
            release('pic-s1e03', { date: '2020-02-06', season: 1, episode: 3 }),
            alias('person/commodore-oh', 'Oh'),
          ),
        )
        .thenError({ _tag: 'EntityNotYetIntroduced', introducedBy: 'pic-s1e08' })
    })
  })
})
