import { describe, expect, it } from 'vitest'
import { given } from '../../support/decider'
import {
  assert,
  confirm,
  exact,
  recordRelease,
  ref,
  release,
  released,
  retract,
  revise,
} from '../../support/builders'
import { brokenPiecesRecorded, childrenOfMarsRecorded, upToPicardPremiere } from './marsAttack'

const episode = (id: string, date: string, episodeNo: number) =>
  release(id, { date, series: 'Star Trek: Picard', season: 1, episode: episodeNo })

const mapsAndLegends = episode('pic-s1e02', '2020-01-30', 2)
const theEndIsTheBeginning = episode('pic-s1e03', '2020-02-06', 3)
const arcadia1 = episode('pic-s1e09', '2020-03-19', 9)

const secondaryToll = assert('mars-attack.casualties.92143', {
  subject: 'event/mars-attack',
  predicate: 'casualties',
  value: exact(92143),
})

describe('decide RecordRelease: confirming, revising, retracting and settling claims', () => {
  describe('given the Picard premiere', () => {
    const ledger = given(...upToPicardPremiere)

    it('records a confirmation, which adds provenance', () => {
      const c = confirm('mars-attack.casualties', { quote: '92,000 souls', note: 'said again' })
      ledger.when(recordRelease(mapsAndLegends, c)).then(released(mapsAndLegends, c))
    })

    it('records each revision kind, named by the author', () => {
      for (const kind of [
        'revelation',
        'retcon',
        'refinement',
        'expansion',
        'reattribution',
      ] as const) {
        const r = revise('mars-attack.casualties', { kind, value: exact(92473, 'lives') })
        ledger.when(recordRelease(mapsAndLegends, r)).then(released(mapsAndLegends, r))
      }
    })

    it('records a retraction', () => {
      const r = retract('mars-attack.casualties', { note: 'the toll was never stated' })
      ledger.when(recordRelease(mapsAndLegends, r)).then(released(mapsAndLegends, r))
    })

    it('refuses to revise a claim that no release asserts', () => {
      ledger
        .when(
          recordRelease(mapsAndLegends, revise('mars-attack.toll', { kind: 'retcon', value: 1 })),
        )
        .thenError({ _tag: 'UnknownClaim', claim: 'mars-attack.toll', release: 'pic-s1e02' })
    })

    it('refuses to retract a claim that no release asserts', () => {
      ledger
        .when(recordRelease(mapsAndLegends, retract('mars-attack.toll')))
        .thenError({ _tag: 'UnknownClaim', claim: 'mars-attack.toll' })
    })

    it('refuses a revision whose value refers to an entity that no release introduces', () => {
      ledger
        .when(
          recordRelease(
            mapsAndLegends,
            revise('mars-attack.perpetrator', {
              kind: 'reattribution',
              value: ref('person/commodore-oh'),
            }),
          ),
        )
        .thenError({ _tag: 'UnknownEntity', entity: 'person/commodore-oh', release: 'pic-s1e02' })
    })
  })

  describe('given two sources in open conflict over the death toll', () => {
    const ledger = given(...upToPicardPremiere, released(mapsAndLegends, secondaryToll))

    it('records a revision that settles the conflict', () => {
      const settle = revise('mars-attack.casualties', {
        kind: 'refinement',
        value: exact(92143, 'lives'),
        settles: ['mars-attack.casualties.92143'],
      })
      ledger
        .when(recordRelease(theEndIsTheBeginning, settle))
        .then(released(theEndIsTheBeginning, settle))
    })

    it('refuses a revision that settles itself', () => {
      const { message } = ledger
        .when(
          recordRelease(
            theEndIsTheBeginning,
            revise('mars-attack.casualties', {
              kind: 'refinement',
              value: exact(92143),
              settles: ['mars-attack.casualties'],
            }),
          ),
        )
        .thenError({
          _tag: 'InvalidSettlement',
          claim: 'mars-attack.casualties',
          settles: 'mars-attack.casualties',
        })
      expect(message).toContain('itself')
    })

    it('refuses a revision that settles a claim about another fact', () => {
      const { message } = ledger
        .when(
          recordRelease(
            theEndIsTheBeginning,
            revise('mars-attack.casualties', {
              kind: 'refinement',
              value: exact(92143),
              settles: ['mars-attack.perpetrator'],
            }),
          ),
        )
        .thenError({
          _tag: 'InvalidSettlement',
          claim: 'mars-attack.casualties',
          settles: 'mars-attack.perpetrator',
        })
      expect(message).toContain('different fact')
    })

    it('refuses a revision that settles a claim that no release asserts', () => {
      ledger
        .when(
          recordRelease(
            theEndIsTheBeginning,
            revise('mars-attack.casualties', {
              kind: 'refinement',
              value: exact(92143),
              settles: ['mars-attack.casualties.92473'],
            }),
          ),
        )
        .thenError({ _tag: 'UnknownClaim', claim: 'mars-attack.casualties.92473' })
    })

    it('refuses a revision that settles a claim asserted only later in release order', () => {
      // The premiere's day is before the competing claim's: backfilling a settlement there
      // would settle a claim that viewers had not yet seen.
      const earlier = episode('pic-s1e01b', '2020-01-24', 0)
      ledger
        .when(
          recordRelease(
            earlier,
            revise('mars-attack.casualties', {
              kind: 'refinement',
              value: exact(92143),
              settles: ['mars-attack.casualties.92143'],
            }),
          ),
        )
        .thenError({
          _tag: 'ClaimNotYetAsserted',
          claim: 'mars-attack.casualties.92143',
          release: 'pic-s1e01b',
          assertedBy: 'pic-s1e02',
        })
    })
  })

  describe('given a claim retracted by a later episode', () => {
    const ledger = given(
      ...upToPicardPremiere,
      released(theEndIsTheBeginning, retract('mars-attack.casualties')),
    )

    it('refuses to confirm it after the retraction', () => {
      const { message } = ledger
        .when(recordRelease(arcadia1, confirm('mars-attack.casualties')))
        .thenError({ _tag: 'ClaimRetracted', claim: 'mars-attack.casualties', by: 'pic-s1e03' })
      expect(message).toContain("'pic-s1e03'")
    })

    it('refuses to revise it after the retraction', () => {
      ledger
        .when(
          recordRelease(arcadia1, revise('mars-attack.casualties', { kind: 'retcon', value: 1 })),
        )
        .thenError({ _tag: 'ClaimRetracted', by: 'pic-s1e03' })
    })

    it('refuses to retract it again', () => {
      ledger
        .when(recordRelease(arcadia1, retract('mars-attack.casualties')))
        .thenError({ _tag: 'ClaimRetracted', by: 'pic-s1e03' })
    })

    it('refuses to settle it after the retraction', () => {
      given(
        ...upToPicardPremiere,
        released(theEndIsTheBeginning, retract('mars-attack.casualties')),
        released(arcadia1, secondaryToll),
      )
        .when(
          recordRelease(
            episode('pic-s1e10', '2020-03-26', 10),
            revise('mars-attack.casualties.92143', {
              kind: 'refinement',
              value: exact(92143),
              settles: ['mars-attack.casualties'],
            }),
          ),
        )
        .thenError({ _tag: 'ClaimRetracted', claim: 'mars-attack.casualties', by: 'pic-s1e03' })
    })

    it('still accepts a backfilled release before the retraction that confirms it', () => {
      const c = confirm('mars-attack.casualties')
      ledger.when(recordRelease(mapsAndLegends, c)).then(released(mapsAndLegends, c))
    })
  })

  describe('given releases entered out of release order', () => {
    it('refuses to act on a claim before the release that asserts it', () => {
      // Maps and Legends (2020-01-30) was recorded; the premiere (2020-01-23) is backfilled
      // with a confirmation of a claim that Maps and Legends asserts.
      const { message } = given(childrenOfMarsRecorded, released(mapsAndLegends, secondaryToll))
        .when(
          recordRelease(
            episode('pic-s1e01', '2020-01-23', 1),
            confirm('mars-attack.casualties.92143'),
          ),
        )
        .thenError({
          _tag: 'ClaimNotYetAsserted',
          claim: 'mars-attack.casualties.92143',
          release: 'pic-s1e01',
          assertedBy: 'pic-s1e02',
        })
      expect(message).toContain('later in release order')
    })

    it('orders a season dropped on one day by episode: episode 19 cannot confirm what 20 asserts', () => {
      const drop = (n: number) =>
        release(`pro-s2e${n}`, {
          date: '2024-07-01',
          series: 'Star Trek: Prodigy',
          season: 2,
          episode: n,
        })
      given(
        childrenOfMarsRecorded,
        released(
          drop(20),
          assert('mars-attack.starships-destroyed', {
            subject: 'event/mars-attack',
            predicate: 'starships-destroyed',
            value: exact(20000, 'starships'),
          }),
        ),
      )
        .when(recordRelease(drop(19), confirm('mars-attack.starships-destroyed')))
        .thenError({ _tag: 'ClaimNotYetAsserted', release: 'pro-s2e19', assertedBy: 'pro-s2e20' })
    })

    it('refuses to backfill a retraction before a release that still acts on the claim', () => {
      const { message } = given(
        ...upToPicardPremiere,
        released(theEndIsTheBeginning, confirm('mars-attack.casualties')),
      )
        .when(recordRelease(mapsAndLegends, retract('mars-attack.casualties')))
        .thenError({
          _tag: 'ChangedAfterRetraction',
          claim: 'mars-attack.casualties',
          release: 'pic-s1e02',
          laterChangeBy: 'pic-s1e03',
        })
      expect(message).toContain("'pic-s1e03'")
    })

    it('refuses to backfill a confirmation after a retraction already recorded', () => {
      given(...upToPicardPremiere, released(mapsAndLegends, retract('mars-attack.casualties')))
        .when(recordRelease(theEndIsTheBeginning, confirm('mars-attack.casualties')))
        .thenError({ _tag: 'ClaimRetracted', claim: 'mars-attack.casualties', by: 'pic-s1e02' })
    })

    it('accepts a backfilled revision between the assertion and a later revision', () => {
      const r = revise('mars-attack.perpetrator', { kind: 'revelation', value: 'a conspiracy' })
      given(...upToPicardPremiere, brokenPiecesRecorded)
        .when(recordRelease(mapsAndLegends, r))
        .then(released(mapsAndLegends, r))
    })
  })
})
