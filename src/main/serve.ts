import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import pino from 'pino'
import type { AppError } from '../app/errors'
import type { CliIo, OpenedLedger, ServeHandle, ServeOptions } from '../cli/context'
import { createApp } from '../http/app'
import { startServer } from '../http/server'

/**
 * Starts the HTTP shell on an opened ledger; the token comes from CANON_TOKEN (see config.ts), never
 * a flag, so it does not show in process lists. Stops on SIGINT/SIGTERM.
 */
export const serveLedger = (
  ledger: OpenedLedger,
  options: ServeOptions,
  io: CliIo,
): TE.TaskEither<AppError, ServeHandle> => {
  const logger = pino({ level: io.env?.['LOG_LEVEL'] ?? 'info' })
  return pipe(
    TE.tryCatch(
      async () => {
        const token = ledger.writeToken
        const app = createApp({
          deps: ledger.deps,
          ...(token === undefined || token === '' ? {} : { writeToken: token }),
          logger,
        })
        const server = await startServer({ app, port: options.port, host: options.host })
        const stopped = new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGINT', stop)
            process.off('SIGTERM', stop)
            server.close().then(app.close).then(resolve, resolve)
          }
          process.on('SIGINT', stop)
          process.on('SIGTERM', stop)
        })
        return { url: server.url, stopped }
      },
      (e): AppError => ({
        _tag: 'Conflict',
        reason: `cannot start the server: ${e instanceof Error ? e.message : String(e)}`,
      }),
    ),
  )
}
