import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import pino from 'pino'
import type { Logger } from 'pino'
import type { AppError } from '../app/errors'
import type { TrustedStart } from '../app/trustedStart'
import { trustedStart } from '../app/trustedStart'
import { startFromSnapshot } from '../app/indexSnapshots'
import { servedReader, snapshotSeal } from './openStore'
import type { CliIo, OpenedLedger, ServeHandle, ServeOptions } from '../cli/context'
import { createApp } from '../http/app'
import { startServer } from '../http/server'

/**
 * The reader to start from, checked before anything is served: the whole ledger read, its
 * chain walked from genesis and every anchor held; or, from a snapshot, its seal, the event it
 * ends with, and the chain after it. A ledger that fails its chain or an anchor
 * is refused (Untrusted): the server does not start.
 */
const initialReader = (
  ledger: OpenedLedger,
  logger: Logger,
  snapshot: ServeOptions['snapshot'],
): TE.TaskEither<AppError, TrustedStart> => {
  const anchors = ledger.anchors ?? []
  const started = Date.now()
  return pipe(
    snapshot === undefined
      ? trustedStart(ledger.deps, anchors)
      : pipe(
          startFromSnapshot(ledger.deps, snapshotSeal, snapshot.file, snapshot.bytes, anchors),
          TE.map((start) => ({ ...start, reader: servedReader(start.reader) })),
        ),
    TE.tap((start) =>
      TE.fromIO(() =>
        logger.info(
          {
            position: (start.tip?.position ?? -1n).toString(),
            anchors: anchors.length,
            ms: Date.now() - started,
            ...(snapshot === undefined ? {} : { snapshot: snapshot.file }),
          },
          snapshot === undefined
            ? 'ledger read; hash chain and anchors checked'
            : 'started from the snapshot; the events after it walked and added, anchors checked',
        ),
      ),
    ),
  )
}

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
    initialReader(ledger, logger, options.snapshot),
    TE.flatMap((initial) =>
      TE.tryCatch(
        async () => {
          const token = ledger.writeToken
          const app = createApp({
            deps: ledger.deps,
            ...(token === undefined || token === '' ? {} : { writeToken: token }),
            logger,
            initialReader: initial.reader,
            ...(initial.tip === undefined ? {} : { trusted: initial.tip }),
            ...(ledger.signer === undefined ? {} : { signer: ledger.signer }),
            ...(ledger.recordHead === undefined ? {} : { onWritten: ledger.recordHead }),
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
    ),
  )
}
