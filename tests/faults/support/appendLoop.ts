/**
 * A child process for the crash test: appends synthetic releases to a SQLite ledger in a loop
 * and prints `ACK <id>` only after an append has been acknowledged by the store. The parent
 * kills it with SIGKILL at a random moment.
 * Usage: appendLoop <sqlite-path> <universe> <prefix> <first-n>
 */
import { writeSync } from 'node:fs'
import { openSqliteStore } from '../../../src/store/sqlite/sqliteStore'
import { execute } from '../../../src/app/ledger'
import { universeId } from '../../../src/domain/ids'
import { sha256Hex, systemClock } from '../../../src/main/openStore'
import { syntheticRelease } from './syntheticRelease'

const main = async (): Promise<void> => {
  const [path, universe, prefix, first] = process.argv.slice(2)
  if (path === undefined || universe === undefined || prefix === undefined || first === undefined)
    throw new Error('usage: appendLoop <sqlite-path> <universe> <prefix> <first-n>')
  const opened = await openSqliteStore(path)()
  if (opened._tag === 'Left') throw new Error(JSON.stringify(opened.left))
  const deps = {
    store: opened.right,
    universe: universeId(universe),
    clock: systemClock,
    hash: sha256Hex,
  }
  writeSync(1, 'READY\n')
  for (let n = Number(first); ; n++) {
    const command = syntheticRelease(prefix, n)
    const outcome = await execute(deps, [{ command, source: `release ${n}` }])()
    if (outcome._tag === 'Left') {
      writeSync(2, `refused ${n}: ${JSON.stringify(outcome.left)}\n`)
      process.exit(3)
    }
    writeSync(1, `ACK ${command.release.id}\n`)
  }
}

void main()
