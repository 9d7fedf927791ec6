import { readdirSync } from 'node:fs'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { CliIo } from '../../src/cli/context'
import { processIo, run } from '../../src/main/wiring'

/** What one CLI run gave: its exit code and everything it wrote. */
export interface Ran {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export const repoRoot = resolve(__dirname, '../..')

/** The bundled Mars Attack arc's authoring files, in file order. */
export const arcFiles: ReadonlyArray<string> = (() => {
  const dir = join(repoRoot, 'ledgers/star-trek')
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => join(dir, n))
})()

export interface IoOptions {
  /** Whether stderr is a terminal (progress bars). */
  readonly tty?: boolean
  /** All the environment the CLI sees. */
  readonly env?: Readonly<Record<string, string>>
}

/** The shell's IO on the real file system, with stdout and stderr captured into `out`. */
export const capturedIo = (
  options: IoOptions = {},
): { readonly io: CliIo; readonly out: { stdout: string; stderr: string } } => {
  const out = { stdout: '', stderr: '' }
  const io: CliIo = {
    stdout: (s) => {
      out.stdout += s
    },
    stderr: (s) => {
      out.stderr += s
    },
    isTTY: options.tty ?? false,
    readFile: (p) => readFile(p, 'utf8'),
    writeFile: (p, t) => writeFile(p, t, 'utf8'),
    readBytes: (p) => readFile(p),
    replaceFile: (p, c) => writeFile(p, c),
    listDir: (p) => readdir(p),
    env: options.env ?? {},
  }
  return { io, out }
}

/** Runs the CLI in process, as the installed command does (`run` with the real stores). */
export const runCanon = async (
  argv: ReadonlyArray<string>,
  options: IoOptions = {},
): Promise<Ran> => {
  const { io, out } = capturedIo(options)
  const code = await run([...argv], io)
  return { code, ...out }
}

/**
 * Runs the CLI in process with the installed command's own IO (bounded file reads, atomic
 * checkpoint writes, key files), stdout and stderr captured, and only `env` as environment.
 */
export const runCanonAsInstalled = async (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {},
): Promise<Ran> => {
  const out = { stdout: '', stderr: '' }
  const io: CliIo = {
    ...processIo(),
    stdout: (s) => {
      out.stdout += s
    },
    stderr: (s) => {
      out.stderr += s
    },
    isTTY: false,
    env,
  }
  const code = await run([...argv], io)
  return { code, ...out }
}
