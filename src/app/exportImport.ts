import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import { pipe } from 'fp-ts/function'
import { canonicalJson } from '../domain/json'
import { LedgerEvent } from '../domain/events'
import { describeChainBreak } from '../domain/hashChain'
import { verifyStored } from './verify'
import type { NewEvent, RecordedEvent } from '../store/port'
import { expectNoStream } from '../store/port'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeRecorded, streamOf, toNewEvent } from './ledger'
import { decodeProblems } from './decodeProblems'

/** Events are read in pages so a long ledger is never asked for in one call. */
const pageSize = 1000

/** Reads the universe's stream as stored, page by page, calling `onPage` for each. */
export const readPages = (
  deps: LedgerDeps,
  onPage: (page: ReadonlyArray<RecordedEvent>) => void,
): TE.TaskEither<AppError, number> => {
  const step = (from: bigint, total: number): TE.TaskEither<AppError, number> =>
    pipe(
      deps.store.readStream(streamOf(deps.universe), { fromRevision: from, maxCount: pageSize }),
      TE.mapError((error): AppError => ({ _tag: 'Store', error })),
      TE.flatMap((page) => {
        if (page.length > 0) onPage(page)
        const last = page[page.length - 1]
        return page.length < pageSize || last === undefined
          ? TE.right(total + page.length)
          : step(last.revision + 1n, total + page.length)
      }),
    )
  return step(0n, 0)
}

/**
 * One NDJSON line per recorded event: its position (a decimal string), type, data and
 * metadata (schema, recordedAt, prevHash, hash) exactly as stored, keys sorted. Importing
 * these lines into an empty ledger reproduces the same chain, hash for hash.
 */
export const exportLine = (e: RecordedEvent): string =>
  canonicalJson({
    position: e.revision.toString(),
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  })

export const exportLedger = (deps: LedgerDeps): TE.TaskEither<AppError, ReadonlyArray<string>> => {
  const lines: string[] = []
  return pipe(
    readPages(deps, (page) => {
      for (const e of page) lines.push(exportLine(e))
    }),
    TE.map(() => lines),
  )
}

const ExportedLine = t.type({
  position: t.refinement(t.string, (s) => /^(0|[1-9]\d*)$/.test(s), 'a decimal position'),
  type: t.string,
  data: t.unknown,
  metadata: t.type({ recordedAt: t.string, prevHash: t.string, hash: t.string }),
})

/** Parses the NDJSON text; every bad line is named by its line number. */
const parseLines = (
  source: string,
  text: string,
): E.Either<AppError, ReadonlyArray<RecordedEvent>> => {
  const problems: string[] = []
  const events: RecordedEvent[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    if (line === '') return
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      problems.push(`line ${i + 1}: not a JSON object`)
      return
    }
    const decoded = ExportedLine.decode(json)
    if (E.isLeft(decoded)) {
      problems.push(...decodeProblems(decoded.left).map((p) => `line ${i + 1}: ${p}`))
      return
    }
    const { position, type, data, metadata } = decoded.right
    const event = LedgerEvent.decode(data)
    if (E.isLeft(event)) {
      problems.push(...decodeProblems(event.left).map((p) => `line ${i + 1}: data ${p}`))
      return
    }
    events.push({
      stream: '',
      eventId: '',
      revision: BigInt(position),
      globalPosition: BigInt(position),
      type,
      data,
      metadata,
    })
  })
  return problems.length > 0
    ? E.left({ _tag: 'InvalidInput', source, problems: problems.slice(0, 20) })
    : E.right(events)
}

export interface ImportReport {
  readonly imported: number
  readonly head: string
}

/** The events as the store will hold them: ids from their hashes, metadata untouched. */
const toNewEvents = (events: ReadonlyArray<RecordedEvent>): E.Either<AppError, NewEvent[]> => {
  const out: NewEvent[] = []
  for (const e of events) {
    const recorded = decodeRecorded(e)
    if (E.isLeft(recorded)) return recorded
    out.push({ ...toNewEvent(recorded.right), metadata: e.metadata })
  }
  return E.right(out)
}

/**
 * Imports an export into the universe's stream, which must be EMPTY. The whole chain is
 * verified first (for this universe: its genesis hash names it), then appended in one
 * append that expects no stream: a refusal or a concurrent writer leaves the ledger unchanged.
 */
export const importLedger = (
  deps: LedgerDeps,
  source: string,
  text: string,
): TE.TaskEither<AppError, ImportReport> =>
  pipe(
    TE.fromEither(parseLines(source, text)),
    TE.flatMap((events) => {
      const chain = verifyStored(deps, events)
      return chain.firstBreak === undefined
        ? TE.right({ events, head: chain.head })
        : TE.left<AppError>({
            _tag: 'InvalidInput',
            source,
            problems: [
              `the hash chain does not hold for universe '${deps.universe}': ${describeChainBreak(chain.firstBreak)}`,
            ],
          })
    }),
    TE.flatMap(({ events, head }) =>
      pipe(
        deps.store.readStream(streamOf(deps.universe), { maxCount: 1 }),
        TE.mapError((error): AppError => ({ _tag: 'Store', error })),
        TE.flatMap((existing) =>
          existing.length > 0
            ? TE.left<AppError>({
                _tag: 'Conflict',
                reason: `the ledger of universe '${deps.universe}' is not empty; import only into an empty ledger (a new store file or universe)`,
              })
            : TE.fromEither(toNewEvents(events)),
        ),
        TE.flatMap((newEvents) =>
          newEvents.length === 0
            ? TE.right<AppError, ImportReport>({ imported: 0, head })
            : pipe(
                deps.store.appendToStream(streamOf(deps.universe), expectNoStream, newEvents),
                TE.mapError((error): AppError => ({ _tag: 'Store', error })),
                TE.map((): ImportReport => ({ imported: newEvents.length, head })),
              ),
        ),
      ),
    ),
  )
