import { createHash } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { guardChain } from '../../src/app/chainGuard'
import { streamOf, toNewEvent } from '../../src/app/ledger'
import type { Hasher } from '../../src/domain/hashChain'
import { universeId } from '../../src/domain/ids'
import { expectNoStream } from '../../src/store/port'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'
import { recordedLedger } from '../support/builders'
import { succeeded, tempDirs } from '../support/tempStore'
import { wholeArc } from '../unit/domain/marsAttack'

const sha256: Hasher = (s) => createHash('sha256').update(s).digest('hex')
const universe = universeId('star-trek')
const stream = streamOf(universe)
const { given: givenTempDir } = tempDirs('canon-guard-')

/** A SQLite ledger of the Mars Attack arc, written as the append path writes it. */
const givenLedger = async (): Promise<string> => {
  const path = join(await givenTempDir(), 'ledger.sqlite')
  const store = await succeeded(openSqliteStore(path))
  const recorded = recordedLedger(wholeArc, { universe, hash: sha256 })
  await succeeded(store.appendToStream(stream, expectNoStream, recorded.map(toNewEvent)))
  await store.close()
  return path
}

const guardedRead = async (path: string, withText?: boolean) => {
  const store = await succeeded(openSqliteStore(path, { readOnly: true }))
  try {
    const guarded = guardChain({ store, universe, hash: sha256 }).store
    const read = await guarded.readStream(stream, withText === undefined ? {} : { withText })()
    const plain = await succeeded(store.readStream(stream))
    return { read, plain }
  } finally {
    await store.close()
  }
}

describe('given a SQLite ledger read through the chain guard (what the CLI and the server read)', () => {
  it('when read, then it reads as the store gives it, with the stored text only when asked', async () => {
    const path = await givenLedger()
    const { read, plain } = await guardedRead(path)
    expect(read).toEqual(E.right(plain))
    const asked = await guardedRead(path, true)
    const events = E.isRight(asked.read) ? asked.read.right : []
    expect(events.map(({ dataText: _, ...e }) => e)).toEqual(plain)
    expect(events.every((e) => JSON.parse(e.dataText ?? 'null') !== null)).toBe(true)
  })

  it('when one stored event was changed in place, then the read is refused naming its position', async () => {
    const path = await givenLedger()
    const db = new Database(path)
    db.prepare(
      `UPDATE events SET data = replace(data, '"title":"', '"title":"X') WHERE revision = 2`,
    ).run()
    db.close()
    const { read } = await guardedRead(path)
    expect(read).toMatchObject(E.left({ _tag: 'Corrupt', revision: 2n }))
    expect(E.isLeft(read) && read.left._tag === 'Corrupt' ? read.left.reason : '').toMatch(
      /position 2 was altered/,
    )
  })
})
