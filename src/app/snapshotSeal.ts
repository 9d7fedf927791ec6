import * as E from 'fp-ts/Either'
/** A SHA-256 of bytes, in hex: injected by the composition root (node:crypto). */
export type Digest = (bytes: Uint8Array) => string

/** What snapshot files need: the seal's digest. */
export interface SnapshotSeal {
  readonly digest: Digest
}

/**
 * The envelope every snapshot file is written in, whatever the index puts inside it: a format
 * line, then `{"sha256":..., "bytes":...}` on one line, then the index's bytes (its header and
 * body). The SHA-256 covers all of those bytes, so a change anywhere in the file, the index's
 * header included, is refused before any of it is read, and the envelope outlives any change
 * of the index's own format (which only ever sees the bytes inside).
 */
export const sealFormat = 'canon-ledger/sealed-snapshot@1'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const seal = (inner: Uint8Array, digest: Digest): Uint8Array => {
  const head = encoder.encode(
    `${sealFormat}\n${JSON.stringify({ sha256: digest(inner), bytes: inner.length })}\n`,
  )
  const out = new Uint8Array(head.length + inner.length)
  out.set(head, 0)
  out.set(inner, head.length)
  return out
}

const newline = 0x0a

/** The line that starts at `from` (without its newline), and where the next one starts. */
const lineAt = (
  bytes: Uint8Array,
  from: number,
  maxBytes: number,
): { readonly text: string; readonly next: number } | undefined => {
  const end = bytes.subarray(from, from + maxBytes).indexOf(newline)
  return end < 0
    ? undefined
    : { text: decoder.decode(bytes.subarray(from, from + end)), next: from + end + 1 }
}

/**
 * The index's bytes from a sealed file, or why the file is refused: not a sealed snapshot
 * (another file, or one written before snapshots were sealed), a damaged seal, a file cut
 * short or grown, or bytes whose SHA-256 is not the sealed one (altered or damaged).
 */
export const unseal = (bytes: Uint8Array, digest: Digest): E.Either<string, Uint8Array> => {
  const format = lineAt(bytes, 0, 200)
  if (format === undefined || format.text !== sealFormat)
    return E.left(
      format?.text.startsWith('canon-ledger/') === true
        ? `it is not sealed with a SHA-256 (${format.text.slice(0, 60)}, written by an older version); write a new one with 'canon snapshot'`
        : `it is not a canon-ledger snapshot (it does not start with '${sealFormat}')`,
    )
  const sealLine = lineAt(bytes, format.next, 400)
  let sealed: unknown
  try {
    sealed = sealLine === undefined ? undefined : JSON.parse(sealLine.text)
  } catch {
    sealed = undefined
  }
  const s = sealed as { readonly sha256?: unknown; readonly bytes?: unknown } | undefined
  if (sealLine === undefined || typeof s?.sha256 !== 'string' || typeof s.bytes !== 'number')
    return E.left('its seal (the line after the format) is damaged')
  const inner = bytes.subarray(sealLine.next)
  if (inner.length !== s.bytes)
    return E.left(
      `it holds ${inner.length} bytes after its seal, and the seal says ${s.bytes}: it was cut short or added to`,
    )
  const found = digest(inner)
  return found === s.sha256
    ? E.right(inner)
    : E.left(
        `its SHA-256 is ${found.slice(0, 16)}…, and its seal says ${s.sha256.slice(0, 16)}…: it was altered or damaged; write a new one with 'canon snapshot'`,
      )
}
