import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { describeAppError } from '../../../src/app/errors'
import type { LedgerDeps } from '../../../src/app/ledger'
import { execute } from '../../../src/app/ledger'
import { isoDate } from '../../../src/domain/calendarDate'
import type { Command } from '../../../src/domain/commands'
import type { DomainError } from '../../../src/domain/errors'
import type { LedgerEvent } from '../../../src/domain/events'
import { text, universeId } from '../../../src/domain/ids'
import { canonicalJson } from '../../../src/domain/json'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import {
  alias,
  appear,
  assert,
  becomes,
  builtInCalendar,
  calendarDeclared,
  commandOf,
  confirm,
  correct,
  corrected,
  declareCalendar,
  eraCalendar,
  eraYear,
  exact,
  fixRelease,
  identify,
  introduce,
  recordRelease,
  release,
  released,
  retract,
  revise,
} from '../../support/builders'
import type { ErrorPattern } from '../../support/decider'
import { given } from '../../support/decider'
import {
  articleRecorded,
  brokenPiecesRecorded,
  picardPremiere,
  picardPremiereChanges,
  upToPicardPremiere,
} from './marsAttack'
import { canonReaders } from '../../../src/main/openStore'

interface Refusal {
  readonly given: ReadonlyArray<LedgerEvent>
  readonly when: Command
  readonly then: ErrorPattern
  /** Words the message must contain: what was wrong and where. */
  readonly says: ReadonlyArray<string>
}

const mapsAndLegends = release('pic-s1e02', { date: '2020-01-30', season: 1, episode: 2 })
const titleFix = fixRelease('fix-title', 'pic-s1e01', { title: text('Remembrance') })
const competing = assert('mars-attack.casualties.92143', {
  subject: 'event/mars-attack',
  predicate: 'casualties',
  value: exact(92143),
})

/**
 * One scenario per refusal. Typed by every DomainError tag: a new refusal does not compile
 * until it has a scenario here.
 */
const refusals: { readonly [T in DomainError['_tag']]: Refusal } = {
  ReleaseConflict: {
    given: upToPicardPremiere,
    when: recordRelease(
      { ...picardPremiere, title: text('Remembrance II') },
      ...picardPremiereChanges,
    ),
    then: { _tag: 'ReleaseConflict', release: 'pic-s1e01', detail: '/release/title differs' },
    says: ['pic-s1e01', '/release/title', 'correction'],
  },
  CorrectionConflict: {
    given: [...upToPicardPremiere, corrected(titleFix)],
    when: correct(fixRelease('fix-title', 'pic-s1e01', { title: text('Remembrance!') })),
    then: { _tag: 'CorrectionConflict', correction: 'fix-title' },
    says: ['fix-title'],
  },
  UnknownRelease: {
    given: upToPicardPremiere,
    when: correct(fixRelease('fix-x', 'pic-s9e99', { title: text('X') })),
    then: { _tag: 'UnknownRelease', release: 'pic-s9e99' },
    says: ['pic-s9e99'],
  },
  UnknownEntity: {
    given: upToPicardPremiere,
    when: recordRelease(mapsAndLegends, alias('place/coppelius', 'Coppelius')),
    then: { _tag: 'UnknownEntity', entity: 'place/coppelius', release: 'pic-s1e02' },
    says: ['place/coppelius', 'pic-s1e02'],
  },
  EntityNotYetIntroduced: {
    given: [...upToPicardPremiere, brokenPiecesRecorded],
    when: recordRelease(mapsAndLegends, alias('person/commodore-oh', 'Oh')),
    then: {
      _tag: 'EntityNotYetIntroduced',
      entity: 'person/commodore-oh',
      introducedBy: 'pic-s1e08',
    },
    says: ['person/commodore-oh', 'pic-s1e02', 'pic-s1e08'],
  },
  SecondaryEntityOnScreen: {
    given: [...upToPicardPremiere, brokenPiecesRecorded, articleRecorded],
    when: recordRelease(
      release('pic-s3e10', { date: '2024-08-10' }),
      alias('person/nedar', 'Nedar'),
    ),
    then: { _tag: 'SecondaryEntityOnScreen', entity: 'person/nedar', release: 'pic-s3e10' },
    says: ['person/nedar', 'pic-s3e10', 'screenrant-mars-attack'],
  },
  InvalidAppearance: {
    given: upToPicardPremiere,
    when: recordRelease(mapsAndLegends, appear('person/narek', 'Narek')),
    then: {
      _tag: 'InvalidAppearance',
      entity: 'person/narek',
      release: 'pic-s1e02',
    },
    says: ['person/narek', "'pic-s1e02' change 1", 'introduce it instead'],
  },
  EntityAlreadyIntroduced: {
    given: upToPicardPremiere,
    when: recordRelease(mapsAndLegends, introduce('event/mars-attack', 'Mars Attack')),
    then: {
      _tag: 'EntityAlreadyIntroduced',
      entity: 'event/mars-attack',
      by: 'st-children-of-mars',
    },
    says: ['event/mars-attack', 'st-children-of-mars'],
  },
  UnknownClaim: {
    given: upToPicardPremiere,
    when: recordRelease(mapsAndLegends, confirm('mars-attack.motive')),
    then: { _tag: 'UnknownClaim', claim: 'mars-attack.motive', release: 'pic-s1e02' },
    says: ['mars-attack.motive', 'pic-s1e02'],
  },
  ClaimNotYetAsserted: {
    given: [...upToPicardPremiere, released(mapsAndLegends, competing)],
    when: recordRelease(
      release('pic-s1e01b', { date: '2020-01-24' }),
      confirm('mars-attack.casualties.92143'),
    ),
    then: { _tag: 'ClaimNotYetAsserted', assertedBy: 'pic-s1e02' },
    says: ['mars-attack.casualties.92143', 'pic-s1e01b', 'pic-s1e02'],
  },
  ClaimAlreadyAsserted: {
    given: upToPicardPremiere,
    when: recordRelease(mapsAndLegends, { ...competing, claim: picardPremiereChanges[0].claim }),
    then: { _tag: 'ClaimAlreadyAsserted', claim: 'mars-attack.casualties', by: 'pic-s1e01' },
    says: ['mars-attack.casualties', 'pic-s1e01'],
  },
  ClaimRetracted: {
    given: [...upToPicardPremiere, released(mapsAndLegends, retract('mars-attack.casualties'))],
    when: recordRelease(
      release('pic-s1e03', { date: '2020-02-06', season: 1, episode: 3 }),
      confirm('mars-attack.casualties'),
    ),
    then: { _tag: 'ClaimRetracted', claim: 'mars-attack.casualties', by: 'pic-s1e02' },
    says: ['mars-attack.casualties', 'pic-s1e02'],
  },
  ChangedAfterRetraction: {
    given: [
      ...upToPicardPremiere,
      released(
        release('pic-s1e03', { date: '2020-02-06', season: 1, episode: 3 }),
        confirm('mars-attack.casualties'),
      ),
    ],
    when: recordRelease(mapsAndLegends, retract('mars-attack.casualties')),
    then: { _tag: 'ChangedAfterRetraction', laterChangeBy: 'pic-s1e03' },
    says: ['mars-attack.casualties', 'pic-s1e02', 'pic-s1e03'],
  },
  DuplicateChange: {
    given: upToPicardPremiere,
    when: recordRelease(
      mapsAndLegends,
      confirm('mars-attack.casualties'),
      retract('mars-attack.casualties'),
    ),
    then: { _tag: 'DuplicateChange', claim: 'mars-attack.casualties', release: 'pic-s1e02' },
    says: ['mars-attack.casualties', 'pic-s1e02'],
  },
  InvalidSettlement: {
    given: upToPicardPremiere,
    when: recordRelease(
      mapsAndLegends,
      revise('mars-attack.casualties', {
        kind: 'refinement',
        value: 92143,
        settles: ['mars-attack.date'],
      }),
    ),
    then: { _tag: 'InvalidSettlement', settles: 'mars-attack.date' },
    says: ['mars-attack.casualties', 'mars-attack.date', 'different fact'],
  },
  InvalidIdentification: {
    given: upToPicardPremiere,
    when: recordRelease(mapsAndLegends, identify('event/mars-attack', 'event/mars-attack')),
    then: { _tag: 'InvalidIdentification', entity: 'event/mars-attack' },
    says: ['pic-s1e02', 'change 1', 'event/mars-attack', 'itself'],
  },
  InvalidCorrection: {
    given: [...upToPicardPremiere, brokenPiecesRecorded],
    when: correct(fixRelease('fix-date', 'pic-s1e08', { date: isoDate('2020-01-01') })),
    then: { _tag: 'InvalidCorrection', correction: 'fix-date' },
    says: ['fix-date', 'pic-s1e08', 'mars-attack.perpetrator', 'st-children-of-mars'],
  },
  UnsafeText: {
    given: upToPicardPremiere,
    when: recordRelease(
      { ...mapsAndLegends, title: text('Maps and \u202eLegends') },
      alias('event/mars-attack', 'Mars\u001b[2JAttack'),
    ),
    then: { _tag: 'UnsafeText', path: '/release/title', character: 'U+202E' },
    says: ['pic-s1e02', '/release/title', 'U+202E', 'bidirectional'],
  },
  UnknownSpeaker: {
    given: upToPicardPremiere,
    when: recordRelease(
      mapsAndLegends,
      confirm('mars-attack.casualties', { saidBy: ['person/raffi-musiker'] }),
    ),
    then: {
      _tag: 'UnknownSpeaker',
      speaker: 'person/raffi-musiker',
      claim: 'mars-attack.casualties',
    },
    says: ['pic-s1e02', 'change 1', 'person/raffi-musiker', 'mars-attack.casualties', 'speaker'],
  },
  InvalidStoryChange: {
    given: upToPicardPremiere,
    when: recordRelease(mapsAndLegends, becomes('mars-attack.toll', exact(1))),
    then: { _tag: 'InvalidStoryChange', claim: 'mars-attack.toll', release: 'pic-s1e02' },
    says: ['pic-s1e02', 'change 1', 'mars-attack.toll', 'in the story', 'no release'],
  },
  InvalidTime: {
    given: [...upToPicardPremiere, calendarDeclared(builtInCalendar('gregorian'))],
    when: recordRelease(
      mapsAndLegends,
      assert('mars-attack.era', {
        subject: 'event/mars-attack',
        predicate: 'era',
        value: { _tag: 'Time', time: eraYear(32, 'BBY') },
      }),
    ),
    then: { _tag: 'InvalidTime', time: '32 BBY' },
    says: ['pic-s1e02', 'change 1', 'value', '32 BBY', "era 'BBY'"],
  },
  CalendarConflict: {
    given: [calendarDeclared(builtInCalendar('gregorian'))],
    when: declareCalendar({ ...builtInCalendar('gregorian'), name: text('Earth years') }),
    then: { _tag: 'CalendarConflict', calendar: 'gregorian' },
    says: ['gregorian', '/name differs', 'cannot change'],
  },
  InvalidCalendar: {
    given: [
      calendarDeclared(
        eraCalendar('galactic', 'Galactic', [
          ['BBY', 'down'],
          ['ABY', 'up'],
        ]),
      ),
    ],
    when: declareCalendar(eraCalendar('yavin', 'Yavin', [['ABY', 'up']])),
    then: { _tag: 'InvalidCalendar', calendar: 'yavin' },
    says: ['yavin', "'ABY'", 'galactic'],
  },
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

const depsOnMemory = (): LedgerDeps => ({
  store: memoryStore(),
  universe: universeId('star-trek'),
  clock: () => new Date('2026-01-01T00:00:00.000Z'),
  hash: sha256,
  readers: canonReaders,
})

const source = (command: Command) => ({ command, source: 'spec' })

describe('every refusal of the ledger', () => {
  describe.each(Object.entries(refusals))('%s', (_tag, refusal) => {
    it('given its state, when the command is decided, then it is refused with a message naming what and where', () => {
      const { message } = given(...refusal.given)
        .when(refusal.when)
        .thenError(refusal.then)
      for (const word of refusal.says) expect(message).toContain(word)
    })

    it('given its state in a store, when the command is executed, then the store is unchanged', async () => {
      const deps = depsOnMemory()
      const seeded = await execute(deps, refusal.given.map(commandOf).map(source))()
      expect(E.isRight(seeded)).toBe(true)
      const before = await deps.store.readAll()()
      const outcome = await execute(deps, [source(refusal.when)])()
      const after = await deps.store.readAll()()
      expect(outcome).toMatchObject(E.left({ _tag: 'Domain', error: refusal.then }))
      if (E.isLeft(outcome)) expect(describeAppError(outcome.left)).toContain('spec: ')
      expect(canonicalJson(after)).toBe(canonicalJson(before))
      expect(E.isRight(before) && before.right.length).toBe(refusal.given.length)
    })
  })
})
