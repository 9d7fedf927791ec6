import { processIo, run } from './wiring'

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
