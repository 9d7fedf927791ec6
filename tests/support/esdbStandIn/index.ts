/**
 * A STAND-IN FOR EVENTSTOREDB, FOR TESTS ONLY (CI runs no Docker engine, so no real server).
 *
 * An in-process gRPC server, insecure, on 127.0.0.1 and a random port, implementing enough of
 * EventStoreDB's published gRPC protocol for `@eventstore/db-client` 6.x, connected with
 * `esdb://127.0.0.1:PORT?tls=false`, to run the store contract suite and the fault tests. It is
 * written here from the protocol (the client's `generated/` stubs: streams, shared,
 * serverfeatures), not from the server's code. The real client talks real gRPC to it.
 *
 * Implemented:
 * - ServerFeatures.GetSupportedMethods (asked at connect): advertises Streams.Read/Append/
 *   Tombstone, and NOT BatchAppend, so the client appends with Streams.Append.
 * - Streams.Append: expected revision (any, no stream, exists, exact), the WrongExpectedVersion
 *   answer, idempotent repeats of the same event ids, the 1 MiB append size limit
 *   (maximum-append-size-exceeded), appends to a tombstoned stream (stream-deleted).
 * - Streams.Read: a stream forwards/backwards from start, end or a revision with a count
 *   (StreamNotFound for a missing stream); `$all` forwards/backwards from start, end or a
 *   position; the subscription path (confirmation, catch-up after a revision or position,
 *   CaughtUp, live events; `$all` filters by stream or event type prefix/regex, one checkpoint).
 * - Streams.Tombstone (to provoke stream-deleted). System events (`$stats-...`) in `$all`.
 * - stop/start on the same port, keeping the data (a node restart); a lost append answer.
 *
 * NOT implemented: BatchAppend, Delete (soft delete) and stream metadata ($$streams), link
 * resolution, projections, persistent subscriptions, users/ACLs and authentication, TLS,
 * gossip and cluster discovery (so no multi-node connection strings), leader election,
 * FellBehind, filtered `$all` reads (only subscriptions filter), maxSearchWindow and checkpoint
 * intervals, deadlines, structured UUIDs, real transaction-log positions (positions here grow
 * by a made-up record size, commit = prepare).
 */
import * as grpc from '@grpc/grpc-js'
import type { IServerFeaturesServer } from '@eventstore/db-client/generated/serverfeatures_grpc_pb'
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb'
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb'
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb'
import { StandInLog } from './log'
import type { Faults } from './streamsService'
import { streamsService } from './streamsService'

export interface StandIn {
  readonly port: number
  /** `esdb://127.0.0.1:PORT?tls=false` */
  readonly connectionString: string
  readonly log: StandInLog
  readonly faults: Faults
  /** Stops the server at once: open calls fail, subscriptions drop; the data stays. */
  readonly stop: () => Promise<void>
  /** Starts it again on the same port with the same data. */
  readonly start: () => Promise<void>
  readonly running: () => boolean
}

const supportedMethods = (): SupportedMethods =>
  new SupportedMethods()
    .setEventStoreServerVersion('0.0.0-stand-in')
    .setMethodsList(
      ['read', 'append', 'tombstone'].map((method) =>
        new SupportedMethod()
          .setServiceName('event_store.client.streams.streams')
          .setMethodName(method),
      ),
    )

const bind = (server: grpc.Server, port: number): Promise<number> =>
  new Promise((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (e, bound) =>
      e === null ? resolve(bound) : reject(e),
    ),
  )

export const startStandIn = async (
  options: { readonly maxAppendSize?: number } = {},
): Promise<StandIn> => {
  const log = new StandInLog(options.maxAppendSize)
  const faults: Faults = { loseNextAppendAnswer: false }
  const live = new Set<() => void>()
  let server: grpc.Server | undefined
  let port = 0

  const start = async () => {
    if (server !== undefined) return
    const next = new grpc.Server({ 'grpc.max_receive_message_length': 17 * 1024 * 1024 })
    next.addService(StreamsService, streamsService(log, faults, live))
    const features: IServerFeaturesServer = {
      getSupportedMethods: (_call, callback) => callback(null, supportedMethods()),
    }
    next.addService(ServerFeaturesService, features)
    port = await bind(next, port)
    server = next
    // A node writes system events as it starts: readers of $all must skip them.
    log.writeSystemEvent(`$stats-127.0.0.1:${port}`, '$statsCollected')
  }

  const stop = async () => {
    const current = server
    if (current === undefined) return
    server = undefined
    for (const end of [...live]) end()
    current.forceShutdown()
    await Promise.resolve()
  }

  await start()
  return {
    get port() {
      return port
    },
    get connectionString() {
      return `esdb://127.0.0.1:${port}?tls=false`
    },
    log,
    faults,
    stop,
    start,
    running: () => server !== undefined,
  }
}
