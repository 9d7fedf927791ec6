import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LedgerDeps } from '../../../src/app/ledger'
import { execute } from '../../../src/app/ledger'
import type { Command } from '../../../src/domain/commands'
import { decide } from '../../../src/domain/decide'
import { describeDomainError } from '../../../src/domain/errors'
import { universeId } from '../../../src/domain/ids'
import { canonicalJson } from '../../../src/domain/json'
import { evolve, foldState } from '../../../src/domain/state'
import { memoryStore } from '../../../src/store/memory/memoryStore'
import {
  commandOf,
  corrected,
  fixedRecordedAt,
  identify,
  introduce,
  recordRelease,
  release,
  released,
  withdraw,
} from '../../support/builders'
import { given } from '../../support/decider'
import { canonReaders } from '../../../src/main/openStore'

/**
 * `identify A sameAs B` merges B into A: a link B -> A. The links must stay a forest whatever
 * the releases' dates and append order: no entity merged into itself, directly or round a cycle.
 */
const people = ['person/a', 'person/b', 'person/c', 'person/d'] as const
const intro = released(
  release('intro', { date: '2020-01-01' }),
  ...people.map((p) => introduce(p, p.replace('person/', 'Person '))),
)
const r1 = release('r1', { date: '2021-01-01' })
const r2 = release('r2', { date: '2022-01-01' })
const r3 = release('r3', { date: '2023-01-01' })
const correctedWithdrawal = corrected(withdraw('withdraw-r1', 'r1'))

describe('decide RecordRelease: identifications never close a cycle', () => {
  describe('given b merged into a by r1', () => {
    const ledger = given(intro, released(r1, identify('person/a', 'person/b')))

    it('when a later release merges a into b, then it is refused naming the release, the change and the cycle', () => {
      const { error, message } = ledger
        .when(recordRelease(r2, identify('person/a', 'person/c'), identify('person/b', 'person/a')))
        .thenError({
          _tag: 'InvalidIdentification',
          release: 'r2',
          entity: 'person/b',
          sameAs: 'person/a',
        })
      expect(error).toMatchObject({ change: 2, cycle: ['person/a', 'person/b', 'person/a'] })
      expect(message).toBe(
        "release 'r2' change 2: cannot identify 'person/a' with 'person/b': it would close a " +
          'cycle of identifications, person/a -> person/b -> person/a (each merged into the ' +
          "next; already 'person/b' into 'person/a' by release 'r1')",
      )
    })

    it('when an earlier-dated release, appended later, merges a into b, then it is refused all the same', () => {
      const { error } = ledger
        .when(
          recordRelease(release('r0', { date: '2020-06-01' }), identify('person/b', 'person/a')),
        )
        .thenError({ _tag: 'InvalidIdentification', release: 'r0' })
      expect(error).toMatchObject({ change: 1, cycle: ['person/a', 'person/b', 'person/a'] })
    })

    it('when r1 is withdrawn, then the reverse identification is accepted: the withdrawn link is not in force', () => {
      const change = identify('person/b', 'person/a')
      given(intro, released(r1, identify('person/a', 'person/b')), correctedWithdrawal)
        .when(recordRelease(r2, change))
        .then(released(r2, change))
    })
  })

  describe('given a 3-cycle whose releases are appended out of release order', () => {
    // r3 (2023) merges b into c, then r1 (2021) merges a into b: a -> b -> c.
    const ledger = given(
      intro,
      released(r3, identify('person/c', 'person/b')),
      released(r1, identify('person/b', 'person/a')),
    )

    it('when r2 (dated between them, appended last) merges c into a, then it is refused with the whole path', () => {
      const { error, message } = ledger
        .when(recordRelease(r2, identify('person/a', 'person/c')))
        .thenError({ _tag: 'InvalidIdentification', release: 'r2', sameAs: 'person/c' })
      expect(error).toMatchObject({
        change: 1,
        cycle: ['person/c', 'person/a', 'person/b', 'person/c'],
      })
      expect(message).toContain('person/c -> person/a -> person/b -> person/c')
      expect(message).toContain(
        "'person/a' into 'person/b' by release 'r1', 'person/b' into 'person/c' by release 'r3'",
      )
    })

    it('when r2 merges d into a instead, then the chain grows into a tree and is accepted', () => {
      const change = identify('person/a', 'person/d')
      ledger.when(recordRelease(r2, change)).then(released(r2, change))
    })
  })

  describe('given only the entities', () => {
    const ledger = given(intro)

    it('when a release identifies an entity with itself, then it is refused naming the release and change', () => {
      const { message } = ledger
        .when(recordRelease(r1, identify('person/a', 'person/b'), identify('person/c', 'person/c')))
        .thenError({ _tag: 'InvalidIdentification', release: 'r1', entity: 'person/c' })
      expect(message).toBe(
        "release 'r1' change 2: cannot identify 'person/c' with 'person/c': an entity is already itself",
      )
    })

    it('when one release closes a cycle within itself, then it is refused naming its own earlier change', () => {
      const { error, message } = ledger
        .when(
          recordRelease(
            r1,
            identify('person/b', 'person/a'),
            identify('person/c', 'person/b'),
            identify('person/a', 'person/c'),
          ),
        )
        .thenError({ _tag: 'InvalidIdentification', release: 'r1', sameAs: 'person/c' })
      expect(error).toMatchObject({
        change: 3,
        cycle: ['person/c', 'person/a', 'person/b', 'person/c'],
      })
      expect(message).toContain("'person/a' into 'person/b' by release 'r1'")
    })

    it('when a legal chain and tree are identified in one release, then it is accepted', () => {
      const changes = [
        identify('person/b', 'person/a'),
        identify('person/c', 'person/b'),
        identify('person/c', 'person/d'),
      ]
      ledger.when(recordRelease(r1, ...changes)).then(released(r1, ...changes))
    })
  })
})

const depsOnMemory = (): LedgerDeps => ({
  store: memoryStore(),
  universe: universeId('test'),
  clock: () => new Date('2026-01-01T00:00:00.000Z'),
  hash: (s) => createHash('sha256').update(s).digest('hex'),
  readers: canonReaders,
})

describe('executing an identification that closes a cycle', () => {
  it('given a chain in a store, when a release closing it is executed, then it is refused and the store is unchanged', async () => {
    const deps = depsOnMemory()
    const seed = [
      intro,
      released(r3, identify('person/c', 'person/b')),
      released(r1, identify('person/b', 'person/a')),
    ]
    const seeded = await execute(
      deps,
      seed.map((e) => ({ command: commandOf(e), source: 'spec' })),
    )()
    expect(E.isRight(seeded)).toBe(true)
    const before = await deps.store.readAll()()
    const outcome = await execute(deps, [
      { command: recordRelease(r2, identify('person/a', 'person/c')), source: 'spec' },
    ])()
    const after = await deps.store.readAll()()
    expect(outcome).toMatchObject(
      E.left({ _tag: 'Domain', error: { _tag: 'InvalidIdentification', release: 'r2' } }),
    )
    expect(canonicalJson(after)).toBe(canonicalJson(before))
    expect(E.isRight(before) && before.right.length).toBe(seed.length)
  })
})

describe('identifications appended in any order', () => {
  const entities = ['person/a', 'person/b', 'person/c', 'person/d', 'person/e']
  const link = fc.record({
    entity: fc.constantFrom(...entities),
    sameAs: fc.constantFrom(...entities),
    day: fc.integer({ min: 1, max: 28 }),
  })

  it('given random identifications, when each is decided in turn, then the accepted links stay a forest and only a real cycle is refused as one', () => {
    fc.assert(
      fc.property(fc.array(link, { maxLength: 12 }), (links) => {
        const start = released(
          release('start', { date: '2020-01-01' }),
          ...entities.map((e) => introduce(e, e)),
        )
        let state = evolve(foldState([]), {
          position: 0n,
          recordedAt: fixedRecordedAt(0),
          hash: '',
          prevHash: '',
          event: start,
        })
        const into = new Map<string, string>()
        const reaches = (from: string, to: string): boolean => {
          for (let at: string | undefined = from, hops = 0; at !== undefined; hops++) {
            expect(hops, 'the accepted links hold a cycle').toBeLessThanOrEqual(entities.length)
            if (at === to) return true
            at = into.get(at)
          }
          return false
        }
        links.forEach((l, i) => {
          const day = String(l.day).padStart(2, '0')
          const command: Command = recordRelease(
            release(`x${i}`, { date: `2021-02-${day}` }),
            identify(l.entity, l.sameAs),
          )
          const decided = decide(command, state)
          const closes = l.entity !== l.sameAs && !into.has(l.sameAs) && reaches(l.entity, l.sameAs)
          if (E.isLeft(decided)) {
            const error = decided.left
            expect(error._tag, describeDomainError(error)).toBe('InvalidIdentification')
            if (error._tag === 'InvalidIdentification')
              expect(error.cycle !== undefined, describeDomainError(error)).toBe(closes)
            return
          }
          expect(closes).toBe(false)
          into.set(l.sameAs, l.entity)
          for (const event of decided.right)
            state = evolve(state, {
              position: state.nextPosition,
              recordedAt: fixedRecordedAt(Number(state.nextPosition)),
              hash: '',
              prevHash: '',
              event,
            })
        })
      }),
      { numRuns: 200 },
    )
  })
})
