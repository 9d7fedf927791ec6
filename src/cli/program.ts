import { Command, CommanderError } from 'commander'
import type { CliContext, CliIo, CliWiring } from './context'
import { exitBadInput, exitOk, exitRefused } from './output'
import { registerAppend } from './commands/append'
import { registerVerify } from './commands/verify'
import { registerHead } from './commands/head'
import { registerExportImport } from './commands/exportImport'
import { registerReplay } from './commands/replay'
import { registerServe } from './commands/serve'
import { registerSnapshot } from './commands/snapshot'
import { registerQueries } from './commands/queries'
import { registerDemo } from './commands/demo'
import { registerImportReleases } from './importReleasesCommand'

/** Commander's codes for help and version output: not failures. */
const informational = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version'])

const buildProgram = (ctx: CliContext, done: (code: number) => void): Command => {
  const program = new Command('canon')
    .description(
      "An event-sourced ledger of a fictional universe's canon: append releases that assert and " +
        'revise facts, then ask what viewers knew as of any release.',
    )
    .version('0.1.0')
    .option(
      '--store <store>',
      'a SQLite file, "memory", or esdb://... (env CANON_STORE; default ./canon-ledger.sqlite)',
    )
    .option('--universe <id>', "which universe's ledger (env CANON_UNIVERSE; default star-trek)")
    .option(
      '--read-only',
      'open the store for reading only: nothing is written (a read-only file system works)',
    )
    .option(
      '--checkpoint <file|url>',
      'a head the ledger must hold (canon head --out); writers keep a file current (env CANON_CHECKPOINT)',
    )
    .option(
      '--public-key <file>',
      'the operator public key: the checkpoint must be signed with it (env CANON_PUBLIC_KEY)',
    )
    .option(
      '--signing-key <file>',
      'the operator private key: checkpoints written are signed (env CANON_SIGNING_KEY)',
    )
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      getOutHelpWidth: () => ctx.io.columns ?? 80,
      getErrHelpWidth: () => ctx.io.columns ?? 80,
      writeOut: (s) => ctx.io.stdout(s),
      writeErr: (s) => ctx.io.stderr(s),
      outputError: (s, write) => write(s.startsWith('error:') ? `canon: ${s}` : s),
    })
    .addHelpText(
      'after',
      '\nStart with:\n  $ canon demo\n  $ canon show event/mars-attack --as-of pic-s1e01\n',
    )
  registerAppend(program, ctx, done)
  registerImportReleases(program, ctx, done)
  registerQueries(program, ctx, done)
  registerReplay(program, ctx, done)
  registerVerify(program, ctx, done)
  registerHead(program, ctx, done)
  registerExportImport(program, ctx, done)
  registerSnapshot(program, ctx, done)
  registerServe(program, ctx, done)
  registerDemo(program, ctx, done)
  return program
}

/**
 * The CLI shell's entry: parses `argv` (without node and script), runs one command, and
 * returns its exit code: 0 done, 1 refused or failed, 2 bad input. Never throws and never
 * prints a stack trace.
 */
export const run = async (
  argv: ReadonlyArray<string>,
  io: CliIo,
  wiring: CliWiring,
): Promise<number> => {
  let code = exitOk
  const program = buildProgram({ io, wiring }, (c) => {
    code = c
  })
  try {
    if (argv.length === 0) {
      io.stdout(program.helpInformation())
      return exitBadInput
    }
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (e) {
    if (e instanceof CommanderError) return informational.has(e.code) ? exitOk : exitBadInput
    io.stderr(`canon: internal error: ${e instanceof Error ? e.message : String(e)}\n`)
    return exitRefused
  }
}
