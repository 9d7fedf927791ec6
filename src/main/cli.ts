import { processIo, run } from './wiring'

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : ''

/**
 * A reader that stopped reading (`canon releases | head`) closes the pipe: that ends the
 * command quietly with exit code 0, as for any Unix filter, never a stack trace. A closed
 * stderr is ignored (the command goes on; its exit code still says how it went). Any other
 * failure to write stdout is said once on stderr, exit code 1.
 */
process.stdout.on('error', (e) => {
  if (codeOf(e) === 'EPIPE') process.exit(0)
  process.stderr.write(`canon: cannot write to standard output: ${codeOf(e) || String(e)}\n`)
  process.exit(1)
})
process.stderr.on('error', () => undefined)

/**
 * The installed command's entry (bin/canon.js requires the compiled form of this file).
 * Sets the exit code and lets pending output drain rather than calling process.exit.
 */
run(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`canon: internal error: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exitCode = 1
  },
)
