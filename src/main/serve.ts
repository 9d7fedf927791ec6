import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import pino from 'pino'
import type { Logger } from 'pino'
import type { AppError } from '../app/errors'
import type { LedgerReader } from '../app/queries'
import { restoreReader } from '../app/indexSnapshot'
import type { ChainTip } from '../app/chainGuard'
import { describeAppError } from '../app/errors'
import { trustedStart } from '../app/trustedStart'
import type { CliIo, OpenedLedger, ServeHandle, ServeOptions } from '../cli/context'
import { createApp } from '../http/app'
import { startServer } from '../http/server'
import { snapshotSeal } from './openStore'
import { materializeSome } from '../../projections/temporalIndexLazy'
import type { TemporalIndex } from '../../projections/temporalIndexTypes'

/**
 * How long one turn of the background materialization may run. An entity is the smallest
 * step: early on, one may take a few hundred milliseconds (its releases' changes are parsed
 * when first read), later ones well under one.
 */
const materializeSliceMs = 10

/**
 * Materializes a restored index between requests, a slice per turn of the event loop, so it
 * is whole before the next event needs it (an event linked earlier materializes the rest at once).
 */
const materializeInBackground = (index: TemporalIndex, logger: Logger): (() => void) => {
  const started = Date.now()
  let timer: NodeJS.Immediate | undefined
  const step = (): void => {
    const until = Date.now() + materializeSliceMs
    let done = false
    while (!done && Date.now() < until) done = materializeSome(index, 1)
    if (done) {
      timer = undefined
      logger.info({ ms: Date.now() - started }, 'index snapshot fully materialized')
    } else timer = setImmediate(step)
  }
  timer = setImmediate(step)
  return () => {
    if (timer !== undefined) clearImmediate(timer)
  }
}

/** What the server starts from: a reader whose chain was checked, up to `tip`. */
interface Start {
  readonly reader: LedgerReader
  readonly tip: ChainTip | undefined
  /** A restored index still to materialize (a snapshot start). */
  readonly index?: TemporalIndex
}

/**
 * The reader to start from, checked before anything is served: from the snapshot, if one is
 * given and passes its seal (its tail's chain walked, its head and the checkpoint held), else
 * by reading the whole ledger and walking its chain from genesis. A snapshot that fails its
 * seal or cannot be read is set aside with a warning and the index is built from the store; a
 * ledger that fails its chain or an anchor is refused (Untrusted): the server does not start.
 */
const initialReader = (
  ledger: OpenedLedger,
  options: ServeOptions,
  logger: Logger,
): TE.TaskEither<AppError, Start> => {
  const anchors = ledger.anchors ?? []
  const started = Date.now()
  const fromStore = (): TE.TaskEither<AppError, Start> =>
    pipe(
      trustedStart(ledger.deps, anchors),
      TE.tap((start) =>
        TE.fromIO(() =>
          logger.info(
            {
              position: (start.tip?.position ?? -1n).toString(),
              anchors: anchors.length,
              ms: Date.now() - started,
            },
            'ledger read; hash chain and anchors checked',
          ),
        ),
      ),
    )
  const snapshot = options.snapshot
  if (snapshot === undefined) return fromStore()
  return pipe(
    restoreReader(ledger.deps, snapshot.source, snapshot.bytes, snapshotSeal, anchors),
    TE.tap(({ fit }) =>
      TE.fromIO(() =>
        logger.info(
          {
            snapshot: snapshot.source,
            position: fit.position.toString(),
            behind: fit.behind,
            ms: Date.now() - started,
          },
          'index restored from snapshot; chain from it and anchors checked',
        ),
      ),
    ),
    TE.map((r): Start => ({ reader: r.reader, tip: r.tip, index: r.index })),
    TE.orElse((e) => {
      if (e._tag !== 'InvalidInput') return TE.left(e)
      logger.warn(
        { snapshot: snapshot.source, reason: describeAppError(e) },
        'snapshot refused; building the index from the store instead',
      )
      return fromStore()
    }),
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
    initialReader(ledger, options, logger),
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
          const stopMaterializing =
            initial.index === undefined
              ? () => undefined
              : materializeInBackground(initial.index, logger)
          const stopped = new Promise<void>((resolve) => {
            const stop = (): void => {
              process.off('SIGINT', stop)
              process.off('SIGTERM', stop)
              stopMaterializing()
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
