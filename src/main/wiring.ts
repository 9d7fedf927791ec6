import { readFile, readdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../app/errors'
import type { CliIo, CliWiring, OpenedLedger } from '../cli/context'
import { run as runShell } from '../cli/program'
import { describeStoreChoice, resolveConfig } from './config'
import { openLedger } from './openStore'
import { serveLedger } from './serve'

/** The package root: the nearest folder above this file holding package.json (src or dist). */
const packageRoot = (): string => {
  let dir = __dirname
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir
    dir = dirname(dir)
  }
  return process.cwd()
}

/** The bundled example ledger, shipped with the package. */
export const bundledLedgerDir = (): string => resolve(packageRoot(), 'ledgers', 'star-trek')

export const wiring: CliWiring = {
  bundledLedgerDir: bundledLedgerDir(),
  open: (flags, io, access = 'read') => {
    const config = resolveConfig(flags, io.env ?? {})
    if (E.isLeft(config))
      return TE.left<AppError>({
        _tag: 'InvalidInput',
        source: 'the configuration',
        problems: [config.left],
      })
    const storeName = describeStoreChoice(config.right.store)
    return pipe(
      // `serve` writes only with a token (see serve.ts), so only then may it create the store.
      openLedger(
        config.right,
        access === 'serve' ? (config.right.token === undefined ? 'read' : 'write') : access,
      ),
      TE.mapError((error): AppError => ({ _tag: 'Store', error })),
      TE.map((deps): OpenedLedger => ({
        deps,
        storeName,
        close: () => deps.store.close(),
        ...(config.right.token === undefined ? {} : { writeToken: config.right.token }),
      })),
    )
  },
  serve: serveLedger,
}

/** The process's IO, for the installed command. */
export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  readFile: (path) => readFile(path, 'utf8'),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  listDir: (path) => readdir(path),
  env: process.env,
})

/** The CLI with the real stores: what `canon` runs, and what integration tests call in process. */
export const run = (argv: ReadonlyArray<string>, io: CliIo): Promise<number> =>
  runShell(argv, io, wiring)
