import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import * as t from 'io-ts'
import { pipe } from 'fp-ts/function'
import { canonicalJson } from '../domain/json'
import { LedgerEvent } from '../domain/events'
import { describeChainBreak } from '../domain/hashChain'
import { verifyStored } from './verify'
import type { NewEvent, RecordedEvent } from '../store/port'
import { expectAfter } from '../store/port'
import { appendInChunks } from '../store/appendInChunks'
import { foldState } from '../domain/state'
import { admit } from './admit'
import type { AppError } from './errors'
import type { LedgerDeps } from './ledger'
import { decodeRecorded, streamOf, toNewEvent } from './ledger'
import { decodeProblems } from './decodeProblems'

/** Events are read in pages so a long ledger is never asked for in one call. */
const pageSize = 1000

/**
 * Reads the universe's stream as stored from `from`, page by page, calling `onPage` for each;
 * `withText`: each event with its data's text as stored, from a store that keeps text (a walk
 * of the hash chain hashes it).
 */
export const readPages = (
  deps: LedgerDeps,
  onPage: (page: ReadonlyArray<RecordedEvent>) => void,
  from = 0n,
  withText = false,
): TE.TaskEither<AppError, number> => {
  const step = (at: bigint, total: number): TE.TaskEither<AppError, number> =>
    pipe(
      deps.store.readStream(streamOf(deps.universe), {
        fromRevision: at,
        maxCount: pageSize,
        withText,
      }),
      TE.mapError((error): AppError => ({ _tag: 'Store', error })),
      TE.flatMap((page) => {
        if (page.length > 0) onPage(page)
        const last = page[page.length - 1]
        return page.length < pageSize || last === undefined
          ? TE.right(total + page.length)
          : step(last.revision + 1n, total + page.length)
      }),
    )
  return step(from, 0)
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
): E.Either<
  AppError,
  { readonly events: ReadonlyArray<RecordedEvent>; readonly lines: ReadonlyArray<number> }
> => {
  const problems: string[] = []
  const events: RecordedEvent[] = []
  const lines: number[] = []
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
    lines.push(i + 1)
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
    : E.right({ events, lines })
}

export interface ImportReport {
  /** Events appended by this run. */
  readonly imported: number
  /** Events already in the ledger from an earlier run of the same import (resumed after them). */
  readonly alreadyThere: number
  /** Appends it took (more than one when the store limits an append's size). */
  readonly appends: number
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
 * Decides every event again, in order, as the command it records (see `admit`): the first
 * one the rules refuse names its line, its ledger position and the rule.
 */
const admitAll = (
  source: string,
  events: ReadonlyArray<RecordedEvent>,
  lines: ReadonlyArray<number>,
): E.Either<AppError, void> => {
  let state = foldState([])
  for (const [i, e] of events.entries()) {
    const recorded = decodeRecorded(e)
    if (E.isLeft(recorded)) return recorded
    const admitted = admit(state, recorded.right)
    if (E.isLeft(admitted))
      return E.left({
        _tag: 'InvalidInput',
        source,
        problems: [
          `line ${lines[i] ?? '?'} (ledger position ${e.revision}): ${admitted.left.reason} (rule: ${admitted.left.rule}); nothing was imported`,
        ],
      })
    state = admitted.right
  }
  return E.right(undefined)
}

/**
 * How much of the import an earlier run already wrote: the ledger must be empty, or hold the
 * first events of this import exactly (same ids, same hashes), as a run stopped midway leaves
 * it. Anything else is another ledger, and the import is refused.
 */
const resumeAfter = (
  universe: string,
  existing: ReadonlyArray<RecordedEvent>,
  incoming: ReadonlyArray<NewEvent>,
): E.Either<AppError, number> => {
  const differs = existing.findIndex((e, i) => {
    const other = incoming[i]
    return (
      other === undefined ||
      e.eventId !== other.eventId ||
      canonicalJson(e.metadata) !== canonicalJson(other.metadata)
    )
  })
  return differs < 0
    ? E.right(existing.length)
    : E.left({
        _tag: 'Conflict',
        reason: `the ledger of universe '${universe}' is not empty and is not an earlier part of this import (they differ at position ${differs}); import only into an empty ledger (a new store file or universe)`,
      })
}

/**
 * Imports an export into the universe's stream. The whole chain is verified first (for this
 * universe: its genesis hash names it), then every event is decided again as the command it
 * records (`admit`), so an export written around the rules is refused, naming the event's
 * line, position and rule, with nothing written. The events are then appended after what the
 * stream holds of them: all at once, or, on a store that limits an append's size
 * (EventStoreDB), in appends under the limit, each expecting the revision the one before left
 * (no other writer can interleave). A run stopped midway is resumed by running it again: the
 * events already there are recognised by id and hash, and only the rest is appended. A
 * concurrent writer or another ledger in the stream is refused.
 */
export const importLedger = (
  deps: LedgerDeps,
  source: string,
  text: string,
): TE.TaskEither<AppError, ImportReport> =>
  pipe(
    TE.fromEither(parseLines(source, text)),
    TE.flatMap(({ events, lines }) => {
      const chain = verifyStored(deps, events)
      if (chain.firstBreak !== undefined)
        return TE.left<AppError>({
          _tag: 'InvalidInput',
          source,
          problems: [
            `the hash chain does not hold for universe '${deps.universe}': ${describeChainBreak(chain.firstBreak)}`,
          ],
        })
      return pipe(
        TE.fromEither(admitAll(source, events, lines)),
        TE.flatMap(() => TE.fromEither(toNewEvents(events))),
        TE.map((newEvents) => ({ newEvents, head: chain.head })),
      )
    }),
    TE.flatMap(({ newEvents, head }) =>
      pipe(
        deps.store.readStream(streamOf(deps.universe)),
        TE.mapError((error): AppError => ({ _tag: 'Store', error })),
        TE.flatMap((existing) => TE.fromEither(resumeAfter(deps.universe, existing, newEvents))),
        TE.flatMap((there) => {
          const rest = newEvents.slice(there)
          const done = (imported: number, appends: number): ImportReport => ({
            imported,
            alreadyThere: there,
            appends,
            head,
          })
          if (rest.length === 0) return TE.right(done(0, 0))
          const stream = streamOf(deps.universe)
          const expected = expectAfter(BigInt(there))
          const limit = deps.store.maxAppendBytes
          return pipe(
            limit === undefined
              ? pipe(
                  deps.store.appendToStream(stream, expected, rest),
                  TE.map(() => 1),
                )
              : pipe(
                  appendInChunks(deps.store, stream, expected, rest, limit),
                  TE.map((r) => r.appends),
                ),
            TE.mapError((error): AppError => ({ _tag: 'Store', error })),
            TE.map((appends) => done(rest.length, appends)),
          )
        }),
      ),
    ),
  )
