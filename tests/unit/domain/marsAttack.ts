import {
  assert,
  atLeast,
  confirm,
  exact,
  identify,
  introduce,
  ref,
  release,
  released,
  revise,
  timeValue,
} from '../../support/builders'

/**
 * The Mars Attack arc (seed article; dates from data/README.md), as the decide specs' states.
 * Each release is exported with the changes it records, so specs can say "given the Picard
 * premiere" and append the next release, or an out-of-order one.
 */
export const childrenOfMars = release('st-children-of-mars', {
  date: '2020-01-09',
  series: 'Star Trek: Short Treks',
  kind: 'short',
  title: 'Children of Mars',
})
export const childrenOfMarsChanges = [
  introduce('event/mars-attack', 'Mars Attack'),
  introduce('place/utopia-planitia', 'Utopia Planitia', { aliases: ['Utopia Plantia'] }),
  introduce('group/rogue-synths', 'rogue synths'),
  assert('mars-attack.date', {
    subject: 'event/mars-attack',
    predicate: 'date',
    value: timeValue('2385-04-05'),
  }),
  assert('mars-attack.perpetrator', {
    subject: 'event/mars-attack',
    predicate: 'perpetrator',
    value: ref('group/rogue-synths'),
  }),
] as const

export const picardPremiere = release('pic-s1e01', {
  date: '2020-01-23',
  series: 'Star Trek: Picard',
  title: 'Remembrance',
  season: 1,
  episode: 1,
  regionalDates: [{ region: 'international', date: '2020-01-24' }],
})
export const picardPremiereChanges = [
  assert('mars-attack.casualties', {
    subject: 'event/mars-attack',
    predicate: 'casualties',
    value: atLeast(92000, 'lives'),
    quote: 'over 92,000 lives',
  }),
  confirm('mars-attack.perpetrator'),
] as const

export const brokenPieces = release('pic-s1e08', {
  date: '2020-03-12',
  series: 'Star Trek: Picard',
  title: 'Broken Pieces',
  season: 1,
  episode: 8,
})
export const brokenPiecesChanges = [
  introduce('person/commodore-oh', 'Commodore Oh', { aliases: ['Oh'] }),
  revise('mars-attack.perpetrator', {
    kind: 'reattribution',
    value: ref('person/commodore-oh'),
    note: 'the synths were the instrument, Oh the mastermind',
  }),
] as const

export const ouroborosPart2 = release('pro-s2e20', {
  date: '2024-07-01',
  series: 'Star Trek: Prodigy',
  title: 'Ouroboros, Part II',
  season: 2,
  episode: 20,
})
export const ouroborosPart2Changes = [
  assert('mars-attack.starships-destroyed', {
    subject: 'event/mars-attack',
    predicate: 'starships-destroyed',
    value: exact(20000, 'starships'),
  }),
] as const

/** The seed article: a secondary source that names Oh as General Nedar. */
export const article = release('screenrant-mars-attack', {
  date: '2024-07-03',
  series: 'Screen Rant',
  kind: 'article',
  title: 'Star Trek: Picard’s Mars Attack Was Worse Than We Thought',
})
export const articleChanges = [
  introduce('person/nedar', 'General Nedar'),
  identify('person/commodore-oh', 'person/nedar'),
] as const

export const childrenOfMarsRecorded = released(childrenOfMars, ...childrenOfMarsChanges)
export const picardPremiereRecorded = released(picardPremiere, ...picardPremiereChanges)
export const brokenPiecesRecorded = released(brokenPieces, ...brokenPiecesChanges)
export const ouroborosPart2Recorded = released(ouroborosPart2, ...ouroborosPart2Changes)
export const articleRecorded = released(article, ...articleChanges)

/** The arc up to the Picard premiere: the attack, its date, its culprit and its toll. */
export const upToPicardPremiere = [childrenOfMarsRecorded, picardPremiereRecorded] as const

/** The whole arc, in release order. */
export const wholeArc = [
  childrenOfMarsRecorded,
  picardPremiereRecorded,
  brokenPiecesRecorded,
  ouroborosPart2Recorded,
  articleRecorded,
] as const
