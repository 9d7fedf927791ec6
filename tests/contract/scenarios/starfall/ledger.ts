import type { Command } from '../../../../src/domain/commands'
import {
  alias,
  appear,
  assert,
  introduce,
  recordRelease,
  ref,
  release,
  revise,
  timeValue,
} from '../../../support/builders'

/**
 * Starfall, a franchise made up for these scenarios (not Star Trek): a film trilogy (1977,
 * 1980, 1983), a tie-in novel (1996, a secondary source) and a prequel film in a series of its
 * own (1999). The villain, the Warden, is introduced by the first film; the third reveals that
 * he is Aldric Vane, Kestrel's father; the prequel shows him young, as "Knight Aldric" (an
 * appearance of an entity the ledger already knows, under the name the prequel uses).
 */
export const sf1 = release('sf-1', {
  date: '1977-05-25',
  series: 'Starfall',
  kind: 'film',
  title: 'Starfall',
  sequence: 1,
})
export const sf2 = release('sf-2', {
  date: '1980-05-21',
  series: 'Starfall',
  kind: 'film',
  title: 'The Iron Tide',
  sequence: 2,
  // Seen in Japan four days before its first release date elsewhere.
  regionalDates: [{ region: 'Japan', date: '1980-05-17' }],
})
export const sf3 = release('sf-3', {
  date: '1983-05-25',
  series: 'Starfall',
  kind: 'film',
  title: 'Return of the Lantern',
  sequence: 3,
  regionalDates: [{ region: 'France', date: '1983-06-01' }],
})
export const novel = release('sf-novel', {
  date: '1996-04-01',
  series: 'Starfall Novels',
  kind: 'tie-in',
  title: 'Shadow of the Warden',
})
export const prequel = release('sfp-1', {
  date: '1999-05-19',
  series: 'Starfall Prequels',
  kind: 'film',
  title: 'The Hollow Crown',
  sequence: 1,
})

const warden = 'person/the-warden'
const kestrel = 'person/kestrel'
const oren = 'person/master-oren'

export const sf1Changes = [
  introduce(warden, 'The Warden'),
  introduce(kestrel, 'Kestrel Ames', { aliases: ['Kestrel'] }),
  introduce(oren, 'Master Oren'),
  assert('warden.identity', {
    subject: warden,
    predicate: 'identity',
    value: 'a masked enforcer of the Dominion, origin unknown',
  }),
  assert('kestrel.father', {
    subject: kestrel,
    predicate: 'father',
    value: 'a freighter pilot lost in the war',
    note: 'Master Oren’s account',
  }),
  assert('oren.died', { subject: oren, predicate: 'died', value: timeValue('4012') }),
  assert('oren.killed-by', { subject: oren, predicate: 'killed-by', value: ref(warden) }),
]

export const sf2Changes = [
  appear(warden, 'The Warden'),
  appear(kestrel, 'Kestrel Ames'),
  assert('warden.base', { subject: warden, predicate: 'base', value: 'the ice fortress of Vell' }),
  assert('warden.weapon', { subject: warden, predicate: 'weapon', value: 'a crimson lance' }),
  assert('warden.fortress-built', {
    subject: warden,
    predicate: 'fortress-built',
    value: timeValue('4015'),
  }),
]

/** The revelation: the Warden's real name, and whose father he is. */
export const sf3Changes = [
  appear(warden, 'The Warden'),
  appear(kestrel, 'Kestrel Ames'),
  alias(warden, 'Aldric Vane'),
  revise('warden.identity', {
    kind: 'revelation',
    value: 'Aldric Vane, a fallen Lantern Knight and Kestrel’s father',
  }),
  revise('kestrel.father', { kind: 'revelation', value: ref(warden) }),
  revise('warden.base', { kind: 'refinement', value: 'the orbital citadel above Vell' }),
  assert('warden.fell', {
    subject: warden,
    predicate: 'fell-to-darkness',
    value: timeValue('3990'),
  }),
  assert('warden.fate', { subject: warden, predicate: 'fate', value: 'redeemed; dies unmasked' }),
]

export const novelChanges = [
  assert('warden.homeworld.novel', { subject: warden, predicate: 'homeworld', value: 'Korr' }),
]

export const prequelChanges = [
  appear(warden, 'Knight Aldric'),
  introduce('person/queen-sela', 'Queen Sela'),
  assert('warden.homeworld', { subject: warden, predicate: 'homeworld', value: 'Teshar' }),
  assert('warden.mentor', { subject: warden, predicate: 'mentor', value: ref(oren) }),
  assert('warden.knighted', { subject: warden, predicate: 'knighted', value: timeValue('3975') }),
  assert('sela.ally', { subject: 'person/queen-sela', predicate: 'ally', value: ref(warden) }),
]

/**
 * The ledger in append order, which is not release order: the prequel and the novel were
 * entered before the third film was backfilled.
 */
export const starfallCommands: ReadonlyArray<Command> = [
  recordRelease(sf1, ...sf1Changes),
  recordRelease(sf2, ...sf2Changes),
  recordRelease(prequel, ...prequelChanges),
  recordRelease(novel, ...novelChanges),
  recordRelease(sf3, ...sf3Changes),
]
