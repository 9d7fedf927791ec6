import type { NewEvent } from './port'

/** The bytes an append carries, as EventStoreDB's append size limit counts them. */
export const payloadBytes = (events: ReadonlyArray<NewEvent>): number =>
  events.reduce(
    (sum, e) =>
      sum +
      Buffer.byteLength(JSON.stringify(e.data) ?? '', 'utf8') +
      Buffer.byteLength(JSON.stringify(e.metadata) ?? '', 'utf8'),
    0,
  )
