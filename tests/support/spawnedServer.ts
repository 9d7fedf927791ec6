import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { repoRoot } from './cliRun'

/** Whether the built binary is there to spawn (`npm run build`); specs skip, saying so, when not. */
export const servable = existsSync(join(repoRoot, 'dist/src/main/cli.js'))

export interface SpawnedServer {
  readonly url: string
  readonly child: ChildProcess
}

/** `canon serve --json` spawned from the built binary on a free port; resolves once it listens. */
export const spawnServer = async (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {},
): Promise<SpawnedServer> => {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin/canon.js'), 'serve', '--port', '0', '--json', ...args],
    {
      env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
  })
  return { url: (JSON.parse(first) as { url: string }).url, child }
}

/** Stops a spawned server (SIGTERM) and waits for it to exit. */
export const stopServer = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
