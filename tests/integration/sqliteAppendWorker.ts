/**
 * A separate writer process for tests/integration/sqliteStore.spec.ts (not a spec itself).
 * Usage: node --import tsx sqliteAppendWorker.ts DB_PATH STREAM WRITER COUNT
 * Opens its own store on DB_PATH, prints "ready", waits for a line on stdin (so every writer
 * starts at once), then appends COUNT events to STREAM one at a time with optimistic
 * concurrency: it starts expecting no stream and, when refused, retries expecting the revision
 * the refusal reported. Prints one JSON line: { conflicts, failures } (failures: any other error).
 */
import { createInterface } from 'node:readline'
import * as E from 'fp-ts/Either'
import type { ExpectedRevision } from '../../src/store/port'
import { describeStoreError, expectExact, expectNoStream } from '../../src/store/port'
import { openSqliteStore } from '../../src/store/sqlite/sqliteStore'

const [path, stream, writer, countText] = process.argv.slice(2)

const main = async (): Promise<void> => {
  if (path === undefined || stream === undefined || writer === undefined)
    throw new Error('usage: sqliteAppendWorker DB_PATH STREAM WRITER COUNT')
  const count = Number(countText)
  const opened = await openSqliteStore(path)()
  if (E.isLeft(opened)) {
    process.stdout.write(`${JSON.stringify({ failures: [describeStoreError(opened.left)] })}\n`)
    return
  }
  const store = opened.right
  process.stdout.write('ready\n')
  await new Promise<void>((resolve) =>
    createInterface({ input: process.stdin }).once('line', () => resolve()),
  )
  let expected: ExpectedRevision = expectNoStream
  let conflicts = 0
  const failures: string[] = []
  for (let i = 0; i < count && failures.length === 0;) {
    const event = { eventId: `${writer}-${i}`, type: 'Appended', data: { writer, i }, metadata: {} }
    const result = await store.appendToStream(stream, expected, [event])()
    if (E.isRight(result)) {
      expected = expectExact(result.right.nextExpectedRevision)
      i += 1
    } else if (result.left._tag === 'WrongExpectedRevision') {
      conflicts += 1
      const actual = result.left.actual
      expected = actual === 'no_stream' ? expectNoStream : expectExact(actual)
    } else failures.push(describeStoreError(result.left))
  }
  await store.close()
  process.stdout.write(`${JSON.stringify({ conflicts, failures })}\n`)
  process.stdin.destroy()
}

main().catch((e: unknown) => {
  process.stdout.write(`${JSON.stringify({ failures: [String(e)] })}\n`)
})
