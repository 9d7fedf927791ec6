import type * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import type { Anchor } from '../app/anchor'
import type { HeadSigner, HeadVerifier } from '../app/checkpoint'
import type { LedgerDeps } from '../app/ledger'
import type { AppError } from '../app/errors'
import type { SnapshotSeal } from '../app/snapshotSeal'

/** Everything the shell touches outside itself: tests pass their own, `src/main` the process's. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** Whether stdout/stderr are a terminal: progress bars only then. */
  readonly isTTY: boolean
  /** The terminal's width, when output goes to one: help text wraps to it (80 otherwise). */
  readonly columns?: number
  /**
   * Reads a text file, refusing one over `limitBytes` before holding it (a regular file by its
   * size, a device or pipe by reading at most a little past the limit).
   */
  readonly readFile: (path: string, limitBytes: number) => Promise<string>
  /** Standard input as text (`-` for a file), refused past `limitBytes`. */
  readonly readStdin?: (limitBytes: number) => Promise<string>
  readonly writeFile?: (path: string, content: string | Uint8Array) => Promise<void>
  /**
   * Replaces a file whole or not at all (a temporary file renamed over it): a checkpoint is
   * never found half written.
   */
  readonly replaceFile?: (path: string, content: string | Uint8Array) => Promise<void>
  /** Creates a file that only its owner may read (a private key); refuses an existing one. */
  readonly writeSecret?: (path: string, text: string) => Promise<void>
  /** Fetches a checkpoint published at an http(s) URL (another server's /v1/head). */
  readonly fetchText?: (url: string, limitBytes: number) => Promise<string>
  /** Binary files (index snapshots). */
  readonly readBytes?: (path: string) => Promise<Uint8Array>
  readonly listDir?: (path: string) => Promise<ReadonlyArray<string>>
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** The store and universe flags every command accepts (flags over environment over defaults). */
export interface GlobalFlags {
  readonly store?: string
  readonly universe?: string
  /** Open the store for reading only: nothing is written, a read-only file system works. */
  readonly readOnly?: boolean
  /** A checkpoint (file or URL) the ledger must hold; writers keep a file one current. */
  readonly checkpoint?: string
  /** The operator's public key: a checkpoint must carry its signature. */
  readonly publicKey?: string
  /** The operator's private key: the checkpoints writers keep (and /v1/head) are signed. */
  readonly signingKey?: string
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
  /** What the ledger must hold before anything is read from it (the configured checkpoint). */
  readonly anchors?: ReadonlyArray<Anchor>
  /** Signs heads (`--signing-key`); absent: heads are written unsigned. */
  readonly signer?: HeadSigner
  /**
   * Writes the ledger's head to the configured checkpoint file (signed when a signing key is
   * configured); absent when no checkpoint file is configured. Writers call it after a write.
   */
  readonly recordHead?: () => TE.TaskEither<AppError, void>
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
  /** What index snapshot files are sealed with (absent: this build cannot write or read them). */
  readonly snapshotSeal?: SnapshotSeal
  /** Makes and reads the operator's Ed25519 keys (absent: this build cannot sign heads). */
  readonly keys?: KeyTools
}

/** The operator's key pair, as PEM text: made by `canon keygen`, read when heads are signed. */
export interface KeyTools {
  readonly generate: () => { readonly privatePem: string; readonly publicPem: string }
  readonly signer: (privatePem: string) => E.Either<string, HeadSigner>
  readonly verifier: (publicPem: string) => E.Either<string, HeadVerifier>
}

export interface ServeOptions {
  readonly port: number
  readonly host: string
  /** A snapshot file (`canon snapshot`) to start from instead of replaying the whole ledger. */
  readonly snapshot?: { readonly file: string; readonly bytes: Uint8Array }
}

export interface CliContext {
  readonly io: CliIo
  readonly wiring: CliWiring
}
