import type * as TE from 'fp-ts/TaskEither'
import type { LedgerDeps } from '../app/ledger'
import type { AppError } from '../app/errors'

/** Everything the shell touches outside itself: tests pass their own, `src/main` the process's. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Whether stdout/stderr are a terminal: progress bars only then. */
  readonly isTTY: boolean
  readonly readFile: (path: string) => Promise<string>
  readonly writeFile?: (path: string, text: string) => Promise<void>
  /** Binary files (index snapshots). */
  readonly readBytes?: (path: string) => Promise<Uint8Array>
  readonly writeBytes?: (path: string, bytes: Uint8Array) => Promise<void>
  readonly listDir?: (path: string) => Promise<ReadonlyArray<string>>
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** The store and universe flags every command accepts (flags over environment over defaults). */
export interface GlobalFlags {
  readonly store?: string
  readonly universe?: string
}

/**
 * What a command does with the ledger. Only a writer's open may create a missing SQLite file,
 * so a mistyped --store (or a read in the wrong folder) is refused instead of leaving an empty
 * ledger behind. `serve` writes only when CANON_TOKEN is set, so only then may it create one.
 */
export type LedgerAccess = 'read' | 'write' | 'serve'

/** An opened ledger: the use cases' dependencies and how to let go of the store. */
export interface OpenedLedger {
  readonly deps: LedgerDeps
  readonly storeName: string
  /** The bearer token for HTTP writes (CANON_TOKEN); absent: read-only. */
  readonly writeToken?: string
  readonly close: () => Promise<void>
  /**
   * Closes after a command failed: a store file this open created is removed again when nothing
   * was appended to it, so a refused first write leaves no empty ledger behind.
   */
  readonly closeAfterFailure: () => Promise<void>
}

/** A running HTTP server, as `canon serve` sees it. */
export interface ServeHandle {
  readonly url: string
  /** Resolves when the server has stopped (a signal, or `close`). */
  readonly stopped: Promise<void>
}

/**
 * What the composition root provides: opening the configured store, the bundled example
 * ledger's folder, and (when the HTTP shell is built) serving. The shell never opens a store
 * or reads the environment itself.
 */
export interface CliWiring {
  /** `access` absent: 'read', the open that never creates a store. */
  readonly open: (
    flags: GlobalFlags,
    io: CliIo,
    access?: LedgerAccess,
  ) => TE.TaskEither<AppError, OpenedLedger>
  readonly bundledLedgerDir: string
  readonly serve?: (
    ledger: OpenedLedger,
    options: ServeOptions,
    io: CliIo,
  ) => TE.TaskEither<AppError, ServeHandle>
}

export interface ServeOptions {
  readonly port: number
  readonly host: string
}

export interface CliContext {
  readonly io: CliIo
  readonly wiring: CliWiring
}
