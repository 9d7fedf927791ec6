import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/cliRun'

/**
 * Every command example of the README and of every `--help` runs as written, in a fresh folder
 * set up as a clone is after `npm run demo`: each exits 0 and prints no stack trace. The
 * README's examples run in its order, each shell block as one script; the help examples run
 * with `canon` as the installed command. A server example runs on a free port instead of 8080.
 */
const built = existsSync(join(repoRoot, 'dist/src/main/cli.js'))
if (!built) console.log('skipping the examples: dist/ does not exist (run npm run build)')

const stackTrace = /\n\s+at .+\(.+:\d+:\d+\)|node:internal|Error: .*\n\s+at /

const dirs: string[] = []
/** The ports the server examples listen on instead of 8080: one per clone. */
const ports = new Map<string, number>()

/** A clone's working folder: the files the examples name, linked, and a `canon` command. */
const setUp = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'canon-examples-'))
  for (const name of ['bin', 'ledgers', 'data', 'examples', 'dist', 'package.json'])
    symlinkSync(join(repoRoot, name), join(root, name))
  const path = join(root, '.path')
  mkdirSync(path)
  writeFileSync(
    join(path, 'canon'),
    `#!/bin/sh\nexec node ${join(repoRoot, 'bin/canon.js')} "$@"\n`,
    {
      mode: 0o755,
    },
  )
  return root
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })

/** Runs a shell script in a clone's folder; a server it starts listens on the free port. */
const sh = (dir: string, script: string): { code: number; out: string } => {
  // Whatever the script started in the background is stopped when it ends, however it ends.
  const stopJobs = "trap 'jobs -p | xargs -r kill' EXIT\n"
  const port = String(ports.get(dir) ?? 8080)
  const r = spawnSync(
    'bash',
    ['-eo', 'pipefail', '-c', stopJobs + script.replaceAll('8080', port)],
    {
      cwd: dir,
      env: {
        PATH: `${join(dir, '.path')}:${process.env['PATH'] ?? ''}`,
        HOME: dir,
        LOG_LEVEL: 'silent',
      },
      encoding: 'utf8',
      timeout: 120_000,
    },
  )
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

/** The README's shell blocks, but the install-and-test one. */
const readmeBlocks = (): ReadonlyArray<string> =>
  [...readFileSync(join(repoRoot, 'README.md'), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .filter((block) => !block.includes('npm ci'))

/** Every `$ ...` example line of every command's help, with its command. */
const helpExamples = (dir: string): ReadonlyArray<readonly [string, string]> => {
  const top = sh(dir, 'canon --help').out
  const commands = (top.split('Commands:')[1] ?? '')
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((c) => c !== '' && c !== 'help')
  const examplesOf = (help: string): string[] =>
    help
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .flatMap((l) => {
        const m = /^\s+\$ (.+)$/.exec(l)
        return m?.[1] === undefined ? [] : [m[1]]
      })
  return [
    ...examplesOf(top).map((e) => ['canon', e] as const),
    ...commands.flatMap((c) =>
      examplesOf(sh(dir, `canon ${c} --help`).out).map((e) => [c, e] as const),
    ),
  ]
}

/** A server example: started in the background, asked for /health, stopped. */
const serverScript = (example: string): string =>
  `${example} &\nfor i in $(seq 100); do curl -sf http://127.0.0.1:8080/health >/dev/null && break; sleep 0.2; done\ncurl -sf http://127.0.0.1:8080/health >/dev/null\nkill %1`

/** A fresh clone's folder after `npm run demo`. */
const afterDemo = async (): Promise<string> => {
  const dir = setUp()
  dirs.push(dir)
  ports.set(dir, await freePort())
  const demo = sh(dir, './bin/canon.js demo')
  expect(demo.code, demo.out).toBe(0)
  return dir
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('given a clone after npm run demo', () => {
  it.skipIf(!built)(
    'when every shell block of the README runs as written, then each exits 0 with no stack trace',
    async () => {
      const dir = await afterDemo()
      const blocks = readmeBlocks()
      expect(blocks.length).toBeGreaterThanOrEqual(3)
      for (const block of blocks) {
        const r = sh(dir, block)
        expect(r.code, `${block}\n---\n${r.out}`).toBe(0)
        expect(r.out, block).not.toMatch(stackTrace)
      }
    },
    120_000,
  )

  it.skipIf(!built)(
    'when every example of every --help runs as written, then each exits 0 with no stack trace',
    async () => {
      const dir = await afterDemo()
      const examples = helpExamples(dir)
      expect(examples.length).toBeGreaterThan(20)
      for (const [command, example] of examples) {
        // The server's own examples: the serve line with the curl that follows it, as one.
        if (example.startsWith('curl ')) continue
        const r = sh(dir, / canon serve\b/.test(` ${example}`) ? serverScript(example) : example)
        expect(r.code, `[${command}] ${example}\n---\n${r.out}`).toBe(0)
        expect(r.out, example).not.toMatch(stackTrace)
      }
    },
    180_000,
  )
})
