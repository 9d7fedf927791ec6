import { Buffer } from 'node:buffer'
import type { EventData, JSONType, ResolvedEvent } from '@eventstore/db-client'
import { jsonEvent } from '@eventstore/db-client'
import type { NewEvent, RecordedEvent } from '../port'

/**
 * Metadata goes as JSON bytes, not as a value for the client to stringify: the client drops a
 * falsy value (null, 0, false), and the port promises that every JSON value reads back equal.
 * It must be a plain Uint8Array: the client tests `constructor === Uint8Array`, which a Buffer fails.
 */
const metadataBytes = (metadata: unknown): Uint8Array | undefined =>
  metadata === undefined ? undefined : new Uint8Array(Buffer.from(JSON.stringify(metadata), 'utf8'))

/** The event as the client sends it: JSON content, and the port's deterministic id. */
export const toEventData = (e: NewEvent): EventData =>
  jsonEvent({
    id: e.eventId,
    type: e.type,
    // The client stringifies any JSON value; its JSONType is narrower than JSON itself.
    data: e.data as JSONType,
    metadata: metadataBytes(e.metadata),
  })

export { payloadBytes } from '../payloadBytes'

/**
 * Servers before 22.x do not fill an event's $all position in stream reads; they send -1 as an
 * unsigned 64-bit number. Such a position is unknown, and reads as -1n.
 */
const UNKNOWN_POSITION = 2n ** 64n - 1n

/** A stored event, as the port reads it; undefined for an event that is not JSON of this app. */
export const fromResolved = (resolved: ResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event
  if (event === undefined || !event.isJson) return undefined
  const commit = event.position?.commit ?? resolved.commitPosition
  const prepare = event.position?.prepare
  const known = commit !== undefined && commit !== UNKNOWN_POSITION
  const globalPosition = known ? commit : -1n
  return {
    stream: event.streamId,
    eventId: event.id,
    revision: event.revision,
    globalPosition,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    ...(known && prepare !== undefined && prepare !== commit ? { preparePosition: prepare } : {}),
  }
}

/** System streams and events (`$`-prefixed: statistics, metadata, links) are not the app's. */
export const isSystem = (resolved: ResolvedEvent): boolean => {
  const event = resolved.event
  return event === undefined || event.streamId.startsWith('$') || event.type.startsWith('$')
}
