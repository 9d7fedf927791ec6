import { Buffer } from 'node:buffer'
import * as grpc from '@grpc/grpc-js'
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb'
import { ReadResp } from '@eventstore/db-client/generated/streams_pb'
import type { StoredEvent } from './log'

/** A stream name as the protocol carries it: bytes. */
export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8')

export const identifierOf = (stream: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(new Uint8Array(Buffer.from(stream, 'utf8')))

/** Stored events never change, so each is built into a message once (jspb is slow to build). */
const built = new WeakMap<StoredEvent, ReadResp>()

/** The event as a ReadResp: ids as strings (the client asks for that UUID option). */
export const readEventOf = (e: StoredEvent): ReadResp => {
  const cached = built.get(e)
  if (cached !== undefined) return cached
  const message = buildReadEvent(e)
  built.set(e, message)
  return message
}

const buildReadEvent = (e: StoredEvent): ReadResp => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(e.id))
    .setStreamIdentifier(identifierOf(e.stream))
    .setStreamRevision(e.revision.toString())
    .setCommitPosition(e.position.toString())
    .setPreparePosition(e.position.toString())
    .setData(e.data)
    .setCustomMetadata(e.metadata)
  recorded.getMetadataMap().set('type', e.type)
  recorded.getMetadataMap().set('content-type', e.contentType)
  recorded.getMetadataMap().set('created', e.created.toString())
  const event = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(e.position.toString())
  return new ReadResp().setEvent(event)
}

export const streamNotFound = (stream: string): ReadResp =>
  new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(identifierOf(stream)),
  )

export const confirmation = (id: string): ReadResp =>
  new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(id))

export const caughtUp = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp())

export const checkpoint = (position: bigint): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString()),
  )

export const empty = (): Empty => new Empty()

/**
 * An error as the server sends it: a gRPC status whose metadata names the exception, which
 * the client reads to pick its error class (`exception: wrong-expected-version`, ...).
 */
export const serverError = (
  code: grpc.status,
  details: string,
  metadata: Record<string, string>,
): Partial<grpc.ServiceError> => {
  const m = new grpc.Metadata()
  for (const [key, value] of Object.entries(metadata)) m.set(key, value)
  return { code, details, metadata: m }
}
