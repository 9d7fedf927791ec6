import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { pipe } from 'fp-ts/function'
import { canonicalJson } from '../domain/json'
import type { Anchor } from './anchor'
import type { AppError } from './errors'
import { decodeProblems } from './decodeProblems'

/**
 * A checkpoint: the ledger's head written down outside the store (a file beside it, on
 * another machine, or served by another server at /v1/head), optionally signed with the
 * operator's Ed25519 key. A reader compares the ledger with it before trusting it; a writer
 * given one rewrites it after each write, so a write the store later loses is noticed.
 *
 * The signature covers the canonical JSON of format, universe, position and hash: the key
 * signs "this universe's ledger reached this hash at this position", nothing else. The private
 * key is read from its own file when a head is signed and is never written anywhere else.
 */
export const checkpointFormat = 'canon-ledger/head@1'

const Position = t.refinement(t.string, (s) => /^(0|[1-9]\d{0,18})$/.test(s), 'a ledger position')
const Hash = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'a SHA-256 in hex')

export const Checkpoint = t.intersection([
  t.type({
    format: t.literal(checkpointFormat),
    universe: t.string,
    position: Position,
    hash: Hash,
  }),
  t.partial({
    signature: t.type({ algorithm: t.literal('ed25519'), keyId: t.string, value: t.string }),
  }),
])
export type Checkpoint = t.TypeOf<typeof Checkpoint>

/** Signs with the operator's private key; `keyId` names the key pair (from its public half). */
export interface HeadSigner {
  readonly keyId: string
  readonly sign: (message: string) => string
}

/** Checks a signature with the operator's public key. */
export interface HeadVerifier {
  readonly keyId: string
  readonly verify: (message: string, signature: string) => boolean
}

/** What a signature covers. */
const signedText = (c: Pick<Checkpoint, 'format' | 'universe' | 'position' | 'hash'>): string =>
  canonicalJson({ format: c.format, universe: c.universe, position: c.position, hash: c.hash })

export const checkpointOf = (
  universe: string,
  head: { readonly position: bigint; readonly hash: string },
  signer?: HeadSigner,
): Checkpoint => {
  const content = {
    format: checkpointFormat,
    universe,
    position: head.position.toString(),
    hash: head.hash,
  } as const
  return signer === undefined
    ? content
    : {
        ...content,
        signature: {
          algorithm: 'ed25519',
          keyId: signer.keyId,
          value: signer.sign(signedText(content)),
        },
      }
}

export const checkpointText = (c: Checkpoint): string => `${JSON.stringify(c, null, 2)}\n`

/**
 * Reads a checkpoint as an anchor for `universe`. With a verifier, only a checkpoint signed
 * by that key is accepted; without one, the signature (if any) is not checked.
 */
export const anchorOfCheckpoint = (
  source: string,
  text: string,
  universe: string,
  verifier?: HeadVerifier,
): E.Either<AppError, Anchor> => {
  const bad = (problem: string): AppError => ({
    _tag: 'InvalidInput',
    source,
    problems: [problem],
  })
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return E.left(bad(`not a checkpoint: expected the JSON that 'canon head --out' writes`))
  }
  return pipe(
    Checkpoint.decode(json),
    E.mapLeft((errors) => ({
      _tag: 'InvalidInput' as const,
      source,
      problems: decodeProblems(errors),
    })),
    E.flatMap((c): E.Either<AppError, Anchor> => {
      if (c.universe !== universe)
        return E.left(bad(`it is the checkpoint of universe '${c.universe}', not '${universe}'`))
      if (verifier !== undefined) {
        if (c.signature === undefined)
          return E.left(bad('it is not signed, and a public key was given to check it with'))
        if (c.signature.keyId !== verifier.keyId)
          return E.left(
            bad(
              `it is signed by key ${c.signature.keyId}, not by the given public key (${verifier.keyId})`,
            ),
          )
        if (!verifier.verify(signedText(c), c.signature.value))
          return E.left(bad('its signature does not match its content: it was altered'))
      }
      return E.right({ position: BigInt(c.position), hash: c.hash, source })
    }),
  )
}
