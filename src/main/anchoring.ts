import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import type { Anchor } from '../app/anchor'
import { lastEvent } from '../app/anchor'
import type { HeadSigner, HeadVerifier } from '../app/checkpoint'
import { anchorOfCheckpoint, checkpointOf, checkpointText } from '../app/checkpoint'
import { writtenFile } from '../cli/runner'
import type { AppError } from '../app/errors'
import type { LedgerDeps } from '../app/ledger'
import type { CliIo, GlobalFlags, LedgerAccess } from '../cli/context'
import type { Env } from './config'
import { keyTools } from './signing'

/** A key file or a checkpoint is a few hundred bytes; anything much larger is not one. */
const smallFileBytes = 64 * 1024

const isUrl = (location: string): boolean => /^https?:\/\//i.test(location)

const nonEmpty = (s: string | undefined): string | undefined =>
  s === undefined || s.trim() === '' ? undefined : s.trim()

/** The anchoring a command runs with: flags over the environment. */
export interface AnchoringChoice {
  readonly checkpoint?: string
  readonly publicKey?: string
  readonly signingKey?: string
}

export const anchoringChoice = (flags: GlobalFlags, env: Env): AnchoringChoice => {
  const checkpoint = nonEmpty(flags.checkpoint) ?? nonEmpty(env['CANON_CHECKPOINT'])
  const publicKey = nonEmpty(flags.publicKey) ?? nonEmpty(env['CANON_PUBLIC_KEY'])
  const signingKey = nonEmpty(flags.signingKey) ?? nonEmpty(env['CANON_SIGNING_KEY'])
  return {
    ...(checkpoint === undefined ? {} : { checkpoint }),
    ...(publicKey === undefined ? {} : { publicKey }),
    ...(signingKey === undefined ? {} : { signingKey }),
  }
}

const fileProblem =
  (source: string) =>
  (e: unknown): AppError => ({
    _tag: 'InvalidInput',
    source,
    problems: [`cannot be read: ${e instanceof Error ? e.message : String(e)}`],
  })

const isMissing = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOENT'

const readKey = <K>(
  io: CliIo,
  path: string,
  parse: (pem: string) => E.Either<string, K>,
): TE.TaskEither<AppError, K> =>
  pipe(
    TE.tryCatch(() => io.readFile(path, smallFileBytes), fileProblem(path)),
    TE.flatMap((pem) =>
      TE.fromEither(
        E.mapLeft((problem: string): AppError => ({
          _tag: 'InvalidInput',
          source: path,
          problems: [problem],
        }))(parse(pem)),
      ),
    ),
  )

/** What an opened ledger is anchored by, and how a writer keeps its checkpoint current. */
export interface Anchoring {
  readonly anchors: ReadonlyArray<Anchor>
  readonly signer?: HeadSigner
  /** Writes the head to the checkpoint file (absent: no checkpoint file to keep). */
  readonly recordHead?: (deps: LedgerDeps) => TE.TaskEither<AppError, void>
}

/**
 * Reads the configured keys and checkpoint. A checkpoint is a file or an http(s) URL (another
 * server's /v1/head); given a public key, it must carry that key's signature. A writer may
 * find no checkpoint file yet (it writes one after its first write); a reader may not.
 */
export const loadAnchoring = (
  choice: AnchoringChoice,
  io: CliIo,
  universe: string,
  access: LedgerAccess,
  readOnly: boolean,
): TE.TaskEither<AppError, Anchoring> => {
  const signer: TE.TaskEither<AppError, HeadSigner | undefined> =
    choice.signingKey === undefined
      ? TE.right(undefined)
      : readKey(io, choice.signingKey, keyTools.signer)
  const verifier: TE.TaskEither<AppError, HeadVerifier | undefined> =
    choice.publicKey === undefined
      ? TE.right(undefined)
      : readKey(io, choice.publicKey, keyTools.verifier)
  const location = choice.checkpoint
  const readCheckpoint = (
    check: HeadVerifier | undefined,
  ): TE.TaskEither<AppError, ReadonlyArray<Anchor>> => {
    if (location === undefined) return TE.right([])
    const text: TE.TaskEither<AppError, string | undefined> = isUrl(location)
      ? TE.tryCatch(async () => {
          if (io.fetchText === undefined) throw new Error('this shell cannot fetch URLs')
          return io.fetchText(location, smallFileBytes)
        }, fileProblem(location))
      : TE.tryCatch(
          () =>
            io.readFile(location, smallFileBytes).catch((e: unknown) => {
              if (access !== 'read' && isMissing(e)) return undefined
              throw e
            }),
          fileProblem(location),
        )
    return pipe(
      text,
      TE.flatMap((t) =>
        t === undefined
          ? TE.right([])
          : TE.fromEither(
              E.map((a: Anchor) => [a])(
                anchorOfCheckpoint(`checkpoint ${location}`, t, universe, check),
              ),
            ),
      ),
    )
  }
  return pipe(
    TE.Do,
    TE.bind('signer', () => signer),
    TE.bind('verifier', () => verifier),
    TE.bind('anchors', ({ verifier }) => readCheckpoint(verifier)),
    TE.map(({ signer, anchors }): Anchoring => {
      const file = location !== undefined && !isUrl(location) && !readOnly ? location : undefined
      return {
        anchors,
        ...(signer === undefined ? {} : { signer }),
        ...(file === undefined
          ? {}
          : {
              recordHead: (deps: LedgerDeps) =>
                pipe(
                  lastEvent(deps),
                  TE.flatMap((last) => {
                    const hash = (last?.metadata as { readonly hash?: unknown } | undefined)?.hash
                    if (last === undefined || typeof hash !== 'string') return TE.right(undefined)
                    const text = checkpointText(
                      checkpointOf(universe, { position: last.revision, hash }, signer),
                    )
                    return writtenFile(io, file, text)
                  }),
                ),
            }),
      }
    }),
  )
}
