import { randomUUID } from 'node:crypto'

/** One event as the stand-in keeps it: bytes in, bytes out, as the server does. */
export interface StoredEvent {
  readonly stream: string
  readonly id: string
  readonly revision: bigint
  /** Commit and prepare positions: equal, as for every event a modern server writes. */
  readonly position: bigint
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly metadata: Uint8Array
  /** .NET ticks (100 ns since 0001-01-01 would be the server's; here since the Unix epoch). */
  readonly created: bigint
}

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'revision'; readonly revision: bigint }

export interface Proposed {
  readonly id: string
  readonly type: string
  readonly contentType: string
  readonly data: Uint8Array
  readonly metadata: Uint8Array
}

export type AppendOutcome =
  | { readonly _tag: 'Written'; readonly revision: bigint; readonly position: bigint }
  | { readonly _tag: 'WrongExpectedVersion'; readonly current: bigint | undefined }
  | { readonly _tag: 'StreamDeleted' }
  | { readonly _tag: 'TooLarge'; readonly limit: number }

/**
 * The stand-in's transaction log: every stream's events and `$all` in commit order. It lives
 * outside the gRPC server, so a server stopped and started again serves the same data (as a
 * real node does after a restart). Positions grow by a record's size, like the server's.
 */
export class StandInLog {
  readonly all: StoredEvent[] = []
  private readonly streams = new Map<string, StoredEvent[]>()
  private readonly tombstoned = new Set<string>()
  private readonly listeners = new Set<(written: ReadonlyArray<StoredEvent>) => void>()
  private nextPosition = 1_000n

  constructor(readonly maxAppendSize: number = 1_048_576) {}

  eventsOf(stream: string): ReadonlyArray<StoredEvent> {
    return this.streams.get(stream) ?? []
  }

  isTombstoned(stream: string): boolean {
    return this.tombstoned.has(stream)
  }

  tombstone(stream: string): void {
    this.tombstoned.add(stream)
  }

  /** Called with each written batch, in commit order (live subscriptions). */
  listen(listener: (written: ReadonlyArray<StoredEvent>) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A system event, as the server writes statistics and epochs into `$all`. */
  writeSystemEvent(stream: string, type: string): void {
    const current = this.eventsOf(stream).length
    this.write(stream, BigInt(current) - 1n, [
      {
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: new TextEncoder().encode('{}'),
        metadata: new Uint8Array(),
      },
    ])
  }

  append(stream: string, expected: Expected, proposed: ReadonlyArray<Proposed>): AppendOutcome {
    if (this.tombstoned.has(stream)) return { _tag: 'StreamDeleted' }
    const size = proposed.reduce((sum, p) => sum + p.data.length + p.metadata.length, 0)
    if (size > this.maxAppendSize) return { _tag: 'TooLarge', limit: this.maxAppendSize }
    const existing = this.eventsOf(stream)
    const current = existing.length === 0 ? undefined : BigInt(existing.length - 1)
    const repeated = this.idempotentRepeat(existing, expected, proposed)
    if (repeated !== undefined) return repeated
    const accepted =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === undefined) ||
      (expected.kind === 'exists' && current !== undefined) ||
      (expected.kind === 'revision' && current === expected.revision)
    if (!accepted) return { _tag: 'WrongExpectedVersion', current }
    if (proposed.length === 0)
      return {
        _tag: 'Written',
        revision: current ?? -1n,
        position: existing[existing.length - 1]?.position ?? -1n,
      }
    return this.write(stream, current ?? -1n, proposed)
  }

  /**
   * The server's idempotency check: the same event ids at the place the expected revision
   * names (for `any`, where the first id already is) are the same write, answered again
   * without writing anything.
   */
  private idempotentRepeat(
    existing: ReadonlyArray<StoredEvent>,
    expected: Expected,
    proposed: ReadonlyArray<Proposed>,
  ): AppendOutcome | undefined {
    const first = proposed[0]
    if (first === undefined) return undefined
    const start =
      expected.kind === 'revision'
        ? Number(expected.revision) + 1
        : expected.kind === 'no_stream'
          ? 0
          : existing.findIndex((e) => e.id === first.id)
    if (start < 0 || start + proposed.length > existing.length) return undefined
    const same = proposed.every((p, i) => existing[start + i]?.id === p.id)
    if (!same) return undefined
    const last = existing[start + proposed.length - 1]!
    return { _tag: 'Written', revision: last.revision, position: last.position }
  }

  private write(stream: string, current: bigint, proposed: ReadonlyArray<Proposed>): AppendOutcome {
    const existing = [...this.eventsOf(stream)]
    const created = BigInt(Date.now()) * 10_000n
    const written = proposed.map((p, i): StoredEvent => {
      const position = this.nextPosition
      this.nextPosition += BigInt(100 + p.data.length + p.metadata.length)
      return { ...p, stream, revision: current + 1n + BigInt(i), position, created }
    })
    existing.push(...written)
    this.streams.set(stream, existing)
    this.all.push(...written)
    for (const listener of [...this.listeners]) listener(written)
    const last = written[written.length - 1]!
    return { _tag: 'Written', revision: last.revision, position: last.position }
  }
}
