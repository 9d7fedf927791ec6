import * as E from 'fp-ts/Either'

/** What a write's If-Match asks for: any revision, or exactly the ledger position it names. */
export type Precondition =
  | { readonly _tag: 'None' }
  | { readonly _tag: 'Any' }
  | { readonly _tag: 'Exact'; readonly position: bigint }

/** The ledger's revision as an entity tag: its last position, quoted (`"-1"` when empty). */
export const etagOf = (position: bigint): string => `"${position.toString()}"`

/** Parses `If-Match: "<position>"` (or `*`); a weak or malformed tag is refused by name. */
export const parseIfMatch = (header: string | undefined): E.Either<string, Precondition> => {
  if (header === undefined) return E.right({ _tag: 'None' })
  const text = header.trim()
  if (text === '*') return E.right({ _tag: 'Any' })
  const m = /^"(-1|0|[1-9]\d{0,18})"$/.exec(text)
  if (m?.[1] === undefined)
    return E.left(
      `If-Match must be one quoted ledger position such as "12" (as in the ETag of a read), found ${JSON.stringify(text.slice(0, 40))}`,
    )
  return E.right({ _tag: 'Exact', position: BigInt(m[1]) })
}
