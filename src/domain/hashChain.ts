import { canonicalJson } from './json'
import type { LedgerEvent } from './events'

/** A hash function over text, injected so the domain stays free of IO modules. */
export type Hasher = (text: string) => string

/** The predecessor of a universe's first event. */
export const genesisHash = (universe: string, hash: Hasher): string =>
  hash(`canon-ledger genesis ${universe}`)

/** What one link commits to: the event, when it was recorded, and its predecessor's hash. */
export interface LinkContent {
  readonly type: string
  readonly data: unknown
  readonly recordedAt: string
  readonly prevHash: string
}

export const linkHash = (content: LinkContent, hash: Hasher): string =>
  hash(
    canonicalJson({
      data: content.data,
      prevHash: content.prevHash,
      recordedAt: content.recordedAt,
      type: content.type,
    }),
  )

/**
 * The text `linkHash` hashes, given the canonical JSON of the link's data (`canonicalJson` of
 * the link content, written around the data's text: its keys are in order already).
 */
export const linkText = (dataText: string, content: Omit<LinkContent, 'data'>): string =>
  `{"data":${dataText},"prevHash":${JSON.stringify(content.prevHash)},"recordedAt":${JSON.stringify(
    content.recordedAt,
  )},"type":${JSON.stringify(content.type)}}`

export const linkOf = (event: LedgerEvent, recordedAt: string, prevHash: string, hash: Hasher) => ({
  prevHash,
  hash: linkHash({ type: event._tag, data: event, recordedAt, prevHash }, hash),
})

/** Stored metadata of every event: the storage format of the chain. */
export interface EventMetadata {
  readonly schema: number
  readonly recordedAt: string
  readonly prevHash: string
  readonly hash: string
}

export type ChainBreak =
  | { readonly _tag: 'HashMismatch'; readonly position: bigint }
  | { readonly _tag: 'LinkBroken'; readonly position: bigint; readonly expectedPrevHash: string }
  | { readonly _tag: 'PositionGap'; readonly position: bigint; readonly expected: bigint }
  | { readonly _tag: 'Undecodable'; readonly position: bigint; readonly reason: string }

export interface ChainLink {
  readonly position: bigint
  readonly type: string
  readonly data: unknown
  readonly metadata: unknown
  /** The data's JSON text as stored, when the store gives it (it parses to `data`). */
  readonly dataText?: string
}

const isMetadata = (m: unknown): m is EventMetadata =>
  typeof m === 'object' &&
  m !== null &&
  typeof (m as EventMetadata).hash === 'string' &&
  typeof (m as EventMetadata).prevHash === 'string' &&
  typeof (m as EventMetadata).recordedAt === 'string'

/**
 * Whether a link's content matches its hash, judged by its data's canonical JSON. `byText`: the
 * stored text of its data is hashed first, when the store gives it: a match means that very
 * text was hashed when the event was written (a writer stores its data's canonical JSON), and
 * the data read is that text parsed, so it is sound without writing the data out again.
 * Otherwise (no text, text another writer stored in another form, or text changed since) the
 * link is judged by its data. Answers whether it holds, and whether its text did.
 */
const holds = (
  link: ChainLink,
  m: EventMetadata,
  hash: Hasher,
  byText: boolean,
): { readonly holds: boolean; readonly byText: boolean } => {
  const rest = { type: link.type, recordedAt: m.recordedAt, prevHash: m.prevHash }
  if (
    byText &&
    link.dataText !== undefined &&
    link.data !== undefined &&
    hash(linkText(link.dataText, rest)) === m.hash
  )
    return { holds: true, byText: true }
  return { holds: linkHash({ ...rest, data: link.data }, hash) === m.hash, byText: false }
}

/**
 * Where a walk of the chain starts: the first position expected and the hash its predecessor
 * must carry. `prevHash` undefined takes the first link's own word for its predecessor (a walk
 * that starts mid-stream, anchored by a hash checked elsewhere).
 */
export interface ChainStart {
  readonly position: bigint
  readonly prevHash: string | undefined
}

export interface ChainWalk {
  readonly checked: number
  readonly firstBreak: ChainBreak | undefined
  /** The hash of the last good link (the start's prevHash, or genesis, when none was good). */
  readonly head: string
}

/**
 * Walks the chain and returns the first break: an event whose content no longer matches its
 * hash (altered), whose predecessor link is wrong (dropped or reordered), or a gap in positions.
 * From the universe's genesis unless `start` says otherwise.
 */
export const verifyChain = (
  universe: string,
  links: Iterable<ChainLink>,
  hash: Hasher,
  start?: ChainStart,
): ChainWalk => {
  let prev = start === undefined ? genesisHash(universe, hash) : start.prevHash
  let expected = start?.position ?? 0n
  let checked = 0
  let byText = true
  const broken = (firstBreak: ChainBreak): ChainWalk => ({ checked, firstBreak, head: prev ?? '' })
  for (const link of links) {
    if (link.position !== expected)
      return broken({ _tag: 'PositionGap', position: link.position, expected })
    if (!isMetadata(link.metadata))
      return broken({
        _tag: 'Undecodable',
        position: link.position,
        reason: 'metadata lacks its hash chain fields',
      })
    const m = link.metadata
    if (prev !== undefined && m.prevHash !== prev)
      return broken({ _tag: 'LinkBroken', position: link.position, expectedPrevHash: prev })
    const held = holds(link, m, hash, byText)
    if (!held.holds) return broken({ _tag: 'HashMismatch', position: link.position })
    // A ledger is mostly written by one writer: once a stored text is not what was hashed,
    // the rest of this walk is judged by the data alone, not hashed twice.
    byText &&= held.byText
    prev = m.hash
    expected += 1n
    checked += 1
  }
  return { checked, firstBreak: undefined, head: prev ?? '' }
}

export const describeChainBreak = (b: ChainBreak): string => {
  switch (b._tag) {
    case 'HashMismatch':
      return `event at position ${b.position} was altered: its content no longer matches its hash`
    case 'LinkBroken':
      return `event at position ${b.position} does not follow its predecessor: an event before it was dropped, altered or reordered`
    case 'PositionGap':
      return `expected an event at position ${b.expected}, found position ${b.position}: events are missing`
    case 'Undecodable':
      return `event at position ${b.position} cannot be read: ${b.reason}`
    default: {
      const never: never = b
      return never
    }
  }
}
