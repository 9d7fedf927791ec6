import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import * as E from 'fp-ts/Either'
import type { HeadSigner, HeadVerifier } from '../app/checkpoint'
import type { KeyTools } from '../cli/context'

/** A key pair's name: the first 16 hex digits of the SHA-256 of its public key (SPKI DER). */
const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16)

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

const ed25519 = (key: KeyObject, what: string): E.Either<string, KeyObject> =>
  key.asymmetricKeyType === 'ed25519'
    ? E.right(key)
    : E.left(
        `it is a ${key.asymmetricKeyType ?? 'secret'} key, not the Ed25519 ${what} 'canon keygen' makes`,
      )

/**
 * The operator's Ed25519 key pair (node:crypto): PEM text, PKCS#8 for the private half and
 * SPKI for the public one. A head's signature is Ed25519 over the checkpoint's canonical
 * JSON, in base64.
 */
export const keyTools: KeyTools = {
  generate: () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    return {
      privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    }
  },
  signer: (privatePem) =>
    E.flatMap((key: KeyObject): E.Either<string, HeadSigner> => {
      const keyId = keyIdOf(createPublicKey(key))
      return E.right({
        keyId,
        sign: (message) => sign(null, Buffer.from(message, 'utf8'), key).toString('base64'),
      })
    })(
      E.flatMap((key: KeyObject) => ed25519(key, 'private key'))(
        E.tryCatch(
          () => createPrivateKey(privatePem),
          (e) => `not a private key in PEM form (${messageOf(e)})`,
        ),
      ),
    ),
  verifier: (publicPem) =>
    E.map((key: KeyObject): HeadVerifier => ({
      keyId: keyIdOf(key),
      verify: (message, signature) => {
        try {
          return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'))
        } catch {
          return false
        }
      },
    }))(
      E.flatMap((key: KeyObject) => ed25519(key, 'public key'))(
        E.tryCatch(
          () => createPublicKey(publicPem),
          (e) => `not a public key in PEM form (${messageOf(e)})`,
        ),
      ),
    ),
}
