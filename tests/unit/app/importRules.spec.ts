import { createHash } from 'node:crypto'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { describeAppError } from '../../../src/app/errors'
import { exportLine, importLedger } from '../../../src/app/exportImport'
import { toNewEvent } from '../../../src/app/ledger'
import type { LedgerEvent } from '../../../src/domain/events'
import { freshDeps } from '../../support/bundledLedger'
import {
  identify,
  introduce,
  recordedLedger,
  release,
  released,
  revise,
} from '../../support/builders'

/**
 * One way in: an import decides every event again as the command it records, so a ledger
 * written around the rules (by hand, by another program, by a version before a rule existed)
 * is refused at its first such event, naming its line, position and rule, and nothing is written.
 */
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

/** An export of `events` with a valid hash chain for universe star-trek. */
const exportOf = (events: ReadonlyArray<LedgerEvent>): string =>
  recordedLedger(events, { universe: 'star-trek', hash: sha256 })
    .map((r) => {
      const e = toNewEvent(r)
      return exportLine({
        stream: 'canon-star-trek',
        eventId: e.eventId,
        revision: r.position,
        globalPosition: r.position,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      })
    })
    .join('\n')

const first = release('first', { date: '2020-01-01' })
const second = release('second', { date: '2020-02-01' })
const third = release('third', { date: '2020-03-01' })
const entities = released(
  first,
  introduce('person/a', 'A'),
  introduce('person/b', 'B'),
  introduce('person/c', 'C'),
)

const refused = async (events: ReadonlyArray<LedgerEvent>) => {
  const deps = freshDeps()
  const result = await importLedger(deps, 'forged.ndjson', exportOf(events))()
  const stored = await deps.store.readAll()()
  expect(E.isRight(stored) && stored.right).toEqual([])
  if (E.isRight(result)) throw new Error('the import was not refused')
  return describeAppError(result.left)
}

describe('given an export whose hash chain holds but which the ledger rules refuse', () => {
  it('when it closes a cycle of identifications, then the import names the line, position and rule, and writes nothing', async () => {
    const message = await refused([
      entities,
      released(second, identify('person/a', 'person/b')),
      released(third, identify('person/b', 'person/a')),
    ])
    expect(message).toMatch(
      /^forged\.ndjson is invalid:\n {2}- line 3 \(ledger position 2\): release 'third' change 1: cannot identify 'person\/a' with 'person\/b': it would close a cycle of identifications.* \(rule: InvalidIdentification\); nothing was imported$/,
    )
  })

  it('when it records one release twice, then the import names the second and the rule', async () => {
    const message = await refused([entities, released(second), released(second)])
    expect(message).toContain(
      "line 3 (ledger position 2): release 'second' is recorded a second time: a ledger records each entry once (rule: RecordedTwice)",
    )
  })

  it('when it revises a claim no release asserts, then the import names it', async () => {
    const message = await refused([
      entities,
      released(second, revise('a.rank', { kind: 'refinement', value: 'Captain' })),
    ])
    expect(message).toContain('line 2 (ledger position 1)')
    expect(message).toContain(
      "acts on claim 'a.rank', which no release asserts (rule: UnknownClaim)",
    )
  })

  it('when it names an entity with a bidirectional control character, then the import names the path and the character', async () => {
    const message = await refused([released(first, introduce('person/a', 'A\u202eB'))])
    expect(message).toContain('line 1 (ledger position 0)')
    expect(message).toContain('U+202E')
    expect(message).toContain('(rule: UnsafeText)')
  })

  it('when every event keeps the rules, then it is imported whole', async () => {
    const deps = freshDeps()
    const events = [entities, released(second, identify('person/a', 'person/b'))]
    const result = await importLedger(deps, 'good.ndjson', exportOf(events))()
    expect(result).toMatchObject(E.right({ imported: 2, alreadyThere: 0 }))
  })
})
