/**
 * A child process for the crash test: appends synthetic releases to a SQLite ledger in a loop
 * and prints `ACK <id>` only after an append has been acknowledged by the store. The parent
 * kills it with SIGKILL at a random moment.
 * With a count it stops after that many releases and exits 0 (the concurrency test).
 * Usage: appendLoop <sqlite-path> <universe> <prefix> <first-n> [count]
 */
import { writeSync } from 'node:fs'
import { openSqliteStore } from '../../../src/store/sqlite/sqliteStore'
import { execute } from '../../../src/app/ledger'
import { describeAppError } from '../../../src/app/errors'
import { universeId } from '../../../src/domain/ids'
import { canonReaders, sha256Hex, systemClock } from '../../../src/main/openStore'
import { syntheticRelease } from './syntheticRelease'

const main = async (): Promise<void> => {
  const [path, universe, prefix, first, count] = process.argv.slice(2)
  if (path === undefined || universe === undefined || prefix === undefined || first === undefined)
    throw new Error('usage: appendLoop <sqlite-path> <universe> <prefix> <first-n>')
  const opened = await openSqliteStore(path)()
  if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left))
  const deps = {
    store: opened.right,
    universe: universeId(universe),
    clock: systemClock,
    hash: sha256Hex,
    readers: canonReaders,
  }
  writeSync(1, 'READY\n')
  const end = count === undefined ? Infinity : Number(first) + Number(count)
  for (let n = Number(first); n < end; n++) {
    const command = syntheticRelease(prefix, n)
    const outcome = await execute(deps, [{ command, source: `release ${n}` }])()
    if (outcome._tag === 'Left') {
      writeSync(2, `refused ${n}: ${describeAppError(outcome.left)}\n`)
      process.exit(3)
    }
    writeSync(1, `ACK ${command.release.id}\n`)
  }
  await opened.right.close()
}

void main()
