import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { AppError } from '../app/errors'
import type { EventStore } from '../store/port'
import type { CliIo, CliWiring, OpenedLedger } from '../cli/context'
import { run as runShell } from '../cli/program'
import { describeStoreChoice, resolveConfig } from './config'
import { openLedger, snapshotSeal } from './openStore'
import { anchoringChoice, loadAnchoring } from './anchoring'
import { keyTools } from './signing'
import { tokenProblem } from '../http/auth'
import { serveLedger } from './serve'
import { readBounded, readStreamBounded } from './boundedRead'
import { fetchText } from './fetchText'

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

/** Whether a store holds no event at all (a failed read counts as not empty: keep the file). */
const isEmpty = async (store: EventStore): Promise<boolean> => {
  const first = await store.readAll({ maxCount: 1 })()
  return E.isRight(first) && first.right.length === 0
}

const configProblem = (problem: string): AppError => ({
  _tag: 'InvalidInput',
  source: 'the configuration',
  problems: [problem],
})

export const wiring: CliWiring = {
  bundledLedgerDir: bundledLedgerDir(),
  open: (flags, io, access = 'read') => {
    const env = io.env ?? {}
    const config = resolveConfig(flags, env)
    if (E.isLeft(config)) return TE.left<AppError>(configProblem(config.left))
    const readOnly = flags.readOnly === true
    if (readOnly && access === 'write')
      return TE.left<AppError>(
        configProblem('--read-only opens the ledger for reading, and this command writes'),
      )
    const token = readOnly ? undefined : config.right.token
    // A write token guards the ledger only if it cannot be guessed: checked before serving.
    const weak = access === 'serve' && token !== undefined ? tokenProblem(token) : undefined
    if (weak !== undefined) return TE.left<AppError>(configProblem(weak))
    const storeName = describeStoreChoice(config.right.store)
    // `serve` writes only with a token (see serve.ts), so only then may it create the store.
    const effective = access === 'serve' ? (token === undefined ? 'read' : 'write') : access
    const store = config.right.store
    // A SQLite file this open is about to create: removed again if the command fails before
    // anything is appended to it.
    const creating =
      effective === 'write' &&
      store._tag === 'Sqlite' &&
      store.path !== ':memory:' &&
      !existsSync(store.path)
        ? store.path
        : undefined
    return pipe(
      loadAnchoring(anchoringChoice(flags, env), io, config.right.universe, effective, readOnly),
      TE.flatMap((anchoring) =>
        pipe(
          openLedger(config.right, effective, readOnly),
          TE.mapError((error): AppError => ({ _tag: 'Store', error })),
          TE.map((deps): OpenedLedger => ({
            deps,
            storeName,
            anchors: anchoring.anchors,
            ...(anchoring.signer === undefined ? {} : { signer: anchoring.signer }),
            ...(anchoring.recordHead === undefined
              ? {}
              : { recordHead: () => anchoring.recordHead?.(deps) ?? TE.right(undefined) }),
            close: () => deps.store.close(),
            closeAfterFailure: async () => {
              const discard = creating !== undefined && (await isEmpty(deps.store))
              await deps.store.close()
              if (discard)
                for (const file of [creating, `${creating}-wal`, `${creating}-shm`])
                  await rm(file, { force: true })
            },
            ...(token === undefined ? {} : { writeToken: token }),
          })),
        ),
      ),
    )
  },
  serve: serveLedger,
  snapshotSeal,
  keys: keyTools,
}

/** Writes `content` to a temporary file beside `path`, then renames it over `path`. */
const replaceFile = async (path: string, content: string | Uint8Array): Promise<void> => {
  const temporary = `${path}.${process.pid}.tmp`
  try {
    await writeFile(temporary, content, { flush: true })
    await rename(temporary, path)
  } finally {
    await rm(temporary, { force: true })
  }
}

/** The process's IO, for the installed command. */
export const processIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  ...(process.stdout.isTTY === true ? { columns: process.stdout.columns } : {}),
  readFile: readBounded,
  readStdin: (limitBytes) => readStreamBounded(process.stdin, limitBytes),
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  replaceFile,
  writeSecret: (path, text) => writeFile(path, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' }),
  fetchText,
  readBytes: (path) => readFile(path),
  listDir: (path) => readdir(path),
  env: process.env,
})

/** The CLI with the real stores: what `canon` runs, and what integration tests call in process. */
export const run = (argv: ReadonlyArray<string>, io: CliIo): Promise<number> =>
  runShell(argv, io, wiring)
