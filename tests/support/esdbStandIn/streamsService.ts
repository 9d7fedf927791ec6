import { randomUUID } from 'node:crypto'
import * as grpc from '@grpc/grpc-js'
import type { IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb'
import {
  AppendReq,
  AppendResp,
  ReadReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb'
import type { Expected, Proposed, StandInLog, StoredEvent } from './log'
import {
  caughtUp,
  checkpoint,
  confirmation,
  empty,
  readEventOf,
  serverError,
  streamNameOf,
  streamNotFound,
} from './messages'

/** Test hooks: faults the fault tests inject into the next call. */
export interface Faults {
  /** Write the next append, then drop its answer as a lost connection would (UNAVAILABLE). */
  loseNextAppendAnswer: boolean
}

const deleted = (stream: string) =>
  serverError(grpc.status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  })

const unimplemented = (method: string) =>
  serverError(grpc.status.UNIMPLEMENTED, `${method} is not in the stand-in`, {})

const expectedOf = (options: AppendReq.Options): Expected => {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) }
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' }
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'exists' }
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
    case AppendReq.Options.ExpectedStreamRevisionCase.EXPECTED_STREAM_REVISION_NOT_SET:
      return { kind: 'any' }
  }
}

const wrongExpectedVersion = (expected: Expected, current: bigint | undefined): AppendResp => {
  const wrong = new AppendResp.WrongExpectedVersion()
  if (current === undefined) wrong.setCurrentNoStream(empty())
  else wrong.setCurrentRevision(current.toString())
  switch (expected.kind) {
    case 'revision':
      wrong.setExpectedRevision(expected.revision.toString())
      break
    case 'no_stream':
      wrong.setExpectedNoStream(empty())
      break
    case 'exists':
      wrong.setExpectedStreamExists(empty())
      break
    case 'any':
      wrong.setExpectedAny(empty())
      break
  }
  return new AppendResp().setWrongExpectedVersion(wrong)
}

/** The stream a read names, and where it starts (inclusive), in the direction asked. */
const streamWindow = (
  events: ReadonlyArray<StoredEvent>,
  options: ReadReq.Options,
): ReadonlyArray<StoredEvent> => {
  const streamOptions = options.getStream()!
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS
  const count = Number(options.getCount())
  if (backwards) {
    const from = streamOptions.hasRevision()
      ? Number(streamOptions.getRevision())
      : events.length - 1
    return events
      .slice(0, from + 1)
      .reverse()
      .slice(0, count)
  }
  const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : 0
  return streamOptions.hasEnd() ? [] : events.slice(from, from + count)
}

const allWindow = (
  all: ReadonlyArray<StoredEvent>,
  options: ReadReq.Options,
): ReadonlyArray<StoredEvent> => {
  const allOptions = options.getAll()!
  const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS
  const count = Number(options.getCount())
  const position = allOptions.hasPosition()
    ? BigInt(allOptions.getPosition()!.getCommitPosition())
    : undefined
  if (backwards) {
    const before = allOptions.hasStart()
      ? []
      : all.filter((e) => position === undefined || e.position < position)
    return before.reverse().slice(0, count)
  }
  if (allOptions.hasEnd()) return []
  return all.filter((e) => position === undefined || e.position >= position).slice(0, count)
}

/** Whether a `$all` subscription's filter admits an event. */
const filterOf = (options: ReadReq.Options): ((e: StoredEvent) => boolean) => {
  if (!options.hasFilter()) return () => true
  const filter = options.getFilter()!
  const expression = filter.hasStreamIdentifier()
    ? filter.getStreamIdentifier()!
    : filter.getEventType()!
  const field = (e: StoredEvent) => (filter.hasStreamIdentifier() ? e.stream : e.type)
  const prefixes = expression.getPrefixList()
  const regex = expression.getRegex() === '' ? undefined : new RegExp(expression.getRegex())
  return (e) =>
    (prefixes.length === 0 || prefixes.some((p) => field(e).startsWith(p))) &&
    (regex === undefined || regex.test(field(e)))
}

/**
 * The subscription path of Read: confirmation, the catch-up events after the given revision or
 * position (exclusive, as the server's), CaughtUp, then every new matching event until the
 * client cancels or the server stops.
 */
const subscribe = (
  log: StandInLog,
  call: grpc.ServerWritableStream<ReadReq, unknown>,
  options: ReadReq.Options,
  live: Set<() => void>,
) => {
  call.write(confirmation(randomUUID()))
  let matches: (e: StoredEvent) => boolean
  let catchUp: ReadonlyArray<StoredEvent>
  if (options.hasStream()) {
    const streamOptions = options.getStream()!
    const stream = streamNameOf(streamOptions.getStreamIdentifier())
    const events = log.eventsOf(stream)
    matches = (e) => e.stream === stream
    catchUp = streamOptions.hasEnd()
      ? []
      : streamOptions.hasRevision()
        ? events.filter((e) => e.revision > BigInt(streamOptions.getRevision()))
        : events
  } else {
    const allOptions = options.getAll()!
    const filter = filterOf(options)
    matches = filter
    const after = allOptions.hasPosition()
      ? BigInt(allOptions.getPosition()!.getCommitPosition())
      : -1n
    catchUp = allOptions.hasEnd() ? [] : log.all.filter((e) => e.position > after && filter(e))
  }
  for (const e of catchUp) call.write(readEventOf(e))
  if (options.hasFilter() && log.all.length > 0)
    call.write(checkpoint(log.all[log.all.length - 1]!.position))
  call.write(caughtUp())
  const unlisten = log.listen((written) => {
    for (const e of written) if (matches(e)) call.write(readEventOf(e))
  })
  const end = () => {
    unlisten()
    live.delete(end)
  }
  live.add(end)
  call.on('cancelled', end)
  call.on('close', end)
}

/** The Streams service: Append, Read (streams, `$all`, subscriptions), Tombstone. */
export const streamsService = (
  log: StandInLog,
  faults: Faults,
  live: Set<() => void>,
): IStreamsServer => ({
  read: (call) => {
    const options = call.request.getOptions()!
    if (options.hasSubscription()) {
      if (options.hasStream()) {
        const stream = streamNameOf(options.getStream()!.getStreamIdentifier())
        if (log.isTombstoned(stream)) return void call.emit('error', deleted(stream))
      }
      return subscribe(log, call, options, live)
    }
    if (options.hasStream()) {
      const stream = streamNameOf(options.getStream()!.getStreamIdentifier())
      if (log.isTombstoned(stream)) return void call.emit('error', deleted(stream))
      const events = log.eventsOf(stream)
      if (events.length === 0) call.write(streamNotFound(stream))
      else for (const e of streamWindow(events, options)) call.write(readEventOf(e))
      return call.end()
    }
    for (const e of allWindow(log.all, options)) call.write(readEventOf(e))
    call.end()
  },

  append: (call, callback) => {
    let options: AppendReq.Options | undefined
    const proposed: Proposed[] = []
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions()
      const message = req.getProposedMessage()
      if (message === undefined) return
      const metadata = message.getMetadataMap()
      proposed.push({
        id: message.getId()?.getString() ?? randomUUID(),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        metadata: message.getCustomMetadata_asU8(),
      })
    })
    call.on('end', () => {
      if (options === undefined)
        return callback(serverError(grpc.status.INVALID_ARGUMENT, 'no append options', {}), null)
      const stream = streamNameOf(options.getStreamIdentifier())
      const expected = expectedOf(options)
      const outcome = log.append(stream, expected, proposed)
      switch (outcome._tag) {
        case 'StreamDeleted':
          return callback(deleted(stream), null)
        case 'TooLarge':
          return callback(
            serverError(grpc.status.INVALID_ARGUMENT, 'Maximum Append Size Exceeded.', {
              exception: 'maximum-append-size-exceeded',
              'maximum-append-size': String(outcome.limit),
            }),
            null,
          )
        case 'WrongExpectedVersion':
          return callback(null, wrongExpectedVersion(expected, outcome.current))
        case 'Written': {
          if (faults.loseNextAppendAnswer) {
            faults.loseNextAppendAnswer = false
            return callback(
              serverError(grpc.status.UNAVAILABLE, 'connection lost after the write', {}),
              null,
            )
          }
          const success = new AppendResp.Success()
          if (outcome.revision < 0n) success.setNoStream(empty())
          else success.setCurrentRevision(outcome.revision.toString())
          if (outcome.position < 0n) success.setNoPosition(empty())
          else
            success.setPosition(
              new AppendResp.Position()
                .setCommitPosition(outcome.position.toString())
                .setPreparePosition(outcome.position.toString()),
            )
          return callback(null, new AppendResp().setSuccess(success))
        }
      }
    })
  },

  tombstone: (call, callback) => {
    const stream = streamNameOf(call.request.getOptions()?.getStreamIdentifier())
    log.tombstone(stream)
    callback(null, new TombstoneResp().setNoPosition(empty()))
  },

  // Not advertised by GetSupportedMethods, so the client never calls them.
  delete: (_call, callback) => callback(unimplemented('Delete'), null),
  batchAppend: (call) => void call.emit('error', unimplemented('BatchAppend')),
})
