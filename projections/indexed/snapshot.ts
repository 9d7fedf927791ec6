import * as E from 'fp-ts/Either'
import type { Change, Validity } from '../../src/domain/change'
import type { Correction } from '../../src/domain/correction'
import type { CalendarDeclaration } from '../../src/domain/calendar'
import type { Release } from '../../src/domain/release'
import { releaseSortKey } from '../../src/domain/release'
import type { Value } from '../../src/domain/value'
import { ByteColumn, IntColumn, roomy } from './columns'
import { Interner } from './interner'
import type { IndexOptions, LedgerIndex } from './ledgerIndex'
import { Postings, RowPostings } from './postings'
import type { Provenance } from './valueTable'
import { ValueTable } from './valueTable'
import { TextTrie } from './trie'
import { WordIndex } from './closest'
import { Blocks } from './blocks'
import { Dependencies } from './dependencies'

/**
 * The index as bytes, and back: the body of an index snapshot (a shell wraps it in a file with
 * its own envelope). A header, a JSON part (strings, releases, corrections, values: what is
 * not integers) and every integer column as little-endian bytes, aligned. Restoring parses the
 * JSON part and copies the columns out (a memory copy); maps from texts to ids, and every
 * derived order, are built when first needed.
 */
const magic = 'CNLGIX\u0000\u0001'
export const snapshotFormat = 3

const intColumns = [
  'eventSubject',
  'eventGen',
  'releaseEvent',
  'releaseFirstRow',
  'releaseRowCount',
  'releaseFirstGen',
  'releaseLastGen',
  'genRelease',
  'genEvent',
  'genPrev',
  'genDate',
  'genSeries',
  'correctionEvent',
  'rowRelease',
  'rowA',
  'rowB',
  'rowC',
  'rowValue',
  'rowValid',
  'rowProv',
  'textFolded',
  'entityFolded',
  'entitySoleRow',
] as const satisfies ReadonlyArray<keyof LedgerIndex>

const byteColumns = [
  'releaseTier',
  'genWithdrawn',
  'genCorrectsChanges',
  'rowTag',
  'entityIdentified',
  'claimAssertions',
] as const satisfies ReadonlyArray<keyof LedgerIndex>

const postingLists = [
  'entityRows',
  'entityAsserts',
  'claimRows',
  'claimSettles',
  'foldedEntities',
] as const satisfies ReadonlyArray<keyof LedgerIndex>

const postingParts = ['first', 'last', 'next', 'item'] as const

interface Meta {
  readonly format: number
  readonly options: IndexOptions
  readonly events: {
    readonly position: ReadonlyArray<string>
    readonly recordedAt: ReadonlyArray<string>
    readonly hash: ReadonlyArray<string>
    readonly prevHash: ReadonlyArray<string>
  }
  /** Ids (slugs: no line breaks), one per line: splitting is several times faster than JSON. */
  readonly ids: Record<'releaseIds' | 'entities' | 'claims' | 'predicates', string>
  readonly strings: Record<'series' | 'texts' | 'folded', ReadonlyArray<string>>
  readonly genContent: ReadonlyArray<Release>
  readonly corrections: ReadonlyArray<Correction>
  /** Declared calendars, by the event ordinal that declared each. */
  readonly calendars: ReadonlyArray<readonly [number, CalendarDeclaration]>
  readonly releaseCorrections: ReadonlyArray<readonly [number, ReadonlyArray<number>]>
  /** Corrected generations: their changes, and the value, validity and provenance of each. */
  readonly genChanges: ReadonlyArray<
    readonly [
      number,
      ReadonlyArray<Change>,
      ReadonlyArray<number>,
      ReadonlyArray<number>,
      ReadonlyArray<number>,
    ]
  >
  readonly rowExtra: ReadonlyArray<readonly [number, ReadonlyArray<number>]>
  readonly values: ReadonlyArray<Value>
  readonly validities: ReadonlyArray<Validity>
  readonly provenances: ReadonlyArray<Provenance>
  /** Each binary column: its name, element width (1 or 4) and length. */
  readonly columns: ReadonlyArray<readonly [string, number, number]>
}

const align = (n: number): number => (n + 7) & ~7

/** The snapshot body of the index as it stands. */
export const indexBytes = (ix: LedgerIndex): Uint8Array => {
  const binary: Array<readonly [string, Int32Array | Uint8Array]> = [
    ...intColumns.map((name) => [name, ix[name].view()] as const),
    ...byteColumns.map((name) => [name, ix[name].view()] as const),
    ...postingLists.flatMap((list) =>
      postingParts.map((part) => [`${list}.${part}`, ix[list][part].view()] as const),
    ),
  ]
  const meta: Meta = {
    format: snapshotFormat,
    options: ix.options,
    events: {
      position: ix.eventPosition.map((p) => p.toString()),
      recordedAt: ix.eventRecordedAt,
      hash: ix.eventHash,
      prevHash: ix.eventPrevHash,
    },
    ids: {
      releaseIds: ix.releaseIds.texts.join('\n'),
      entities: ix.entities.texts.join('\n'),
      claims: ix.claims.texts.join('\n'),
      predicates: ix.predicates.texts.join('\n'),
    },
    strings: {
      series: ix.series.texts,
      texts: ix.texts.texts,
      folded: ix.folded.texts,
    },
    genContent: ix.genContent,
    corrections: ix.corrections,
    calendars: [...ix.calendars.entries()],
    releaseCorrections: [...ix.releaseCorrections.entries()],
    genChanges: [...ix.genChanges.entries()].map(
      ([g, p]) => [g, p.changes, [...p.value], [...p.valid], [...p.prov]] as const,
    ),
    rowExtra: [...ix.rowExtra.entries()],
    values: ix.values.values.items,
    validities: ix.values.validities.items,
    provenances: ix.values.provenances.items,
    columns: binary.map(([name, a]) => [name, a.BYTES_PER_ELEMENT, a.length] as const),
  }
  const json = new TextEncoder().encode(JSON.stringify(meta))
  const start = align(16 + json.length)
  const size = binary.reduce((n, [, a]) => align(n + a.byteLength), start)
  const out = new Uint8Array(size)
  out.set(new TextEncoder().encode(magic), 0)
  const header = new DataView(out.buffer)
  header.setUint32(8, snapshotFormat, true)
  header.setUint32(12, json.length, true)
  out.set(json, 16)
  let at = start
  for (const [, a] of binary) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at)
    at = align(at + a.byteLength)
  }
  return out
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1

/**
 * An index from a snapshot body, or why it cannot be one (not a snapshot, another format,
 * truncated).
 */
export const indexOfBytes = (bytes: Uint8Array): E.Either<string, LedgerIndex> => {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== magic)
    return E.left('it is not an index snapshot of canon-ledger')
  if (!littleEndian) return E.left('this machine is big-endian; index snapshots are little-endian')
  const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const format = header.getUint32(8, true)
  if (format !== snapshotFormat)
    return E.left(
      `it is an index snapshot of format ${format}; this version reads format ${snapshotFormat}: take a new snapshot`,
    )
  const jsonLength = header.getUint32(12, true)
  if (16 + jsonLength > bytes.length)
    return E.left('it is truncated (its header says more than it holds)')
  let meta: Meta
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + jsonLength))) as Meta
  } catch {
    return E.left('its description part is not readable')
  }
  // Columns are read as views on an aligned copy when the body itself is not 8-byte aligned.
  const body = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes)
  const columns = new Map<string, Int32Array | Uint8Array>()
  const lengths = new Map<string, number>()
  let at = align(16 + jsonLength)
  for (const [name, width, length] of meta.columns) {
    const end = at + width * length
    if (end > body.length) return E.left(`it is truncated (column ${name} is cut short)`)
    // Copied out (with room to grow), so the body is not kept alive by the columns.
    columns.set(
      name,
      width === 4
        ? roomy(new Int32Array(body.buffer, body.byteOffset + at, length), (n) => new Int32Array(n))
        : roomy(
            new Uint8Array(body.buffer, body.byteOffset + at, length),
            (n) => new Uint8Array(n),
          ),
    )
    lengths.set(name, length)
    at = align(end)
  }
  const ints = (name: string) =>
    new IntColumn(
      16,
      (columns.get(name) as Int32Array | undefined) ?? new Int32Array(16),
      lengths.get(name) ?? 0,
    )
  const bytesOf = (name: string) =>
    new ByteColumn(
      16,
      (columns.get(name) as Uint8Array | undefined) ?? new Uint8Array(16),
      lengths.get(name) ?? 0,
    )
  const postings = (list: string) =>
    new Postings({
      first: ints(`${list}.first`),
      last: ints(`${list}.last`),
      next: ints(`${list}.next`),
      item: ints(`${list}.item`),
    })
  const values = new ValueTable({
    values: meta.values,
    validities: meta.validities,
    provenances: meta.provenances,
  })
  const strings = (name: keyof Meta['strings']) => new Interner(meta.strings[name] as string[])
  const ids = (name: keyof Meta['ids']) =>
    new Interner(meta.ids[name] === '' ? [] : meta.ids[name].split('\n'))
  const ix: LedgerIndex = {
    options: meta.options,
    eventPosition: meta.events.position.map((p) => BigInt(p)),
    eventRecordedAt: [...meta.events.recordedAt],
    eventHash: [...meta.events.hash],
    eventPrevHash: [...meta.events.prevHash],
    eventSubject: ints('eventSubject'),
    eventGen: ints('eventGen'),
    releaseIds: ids('releaseIds'),
    releaseEvent: ints('releaseEvent'),
    releaseFirstRow: ints('releaseFirstRow'),
    releaseRowCount: ints('releaseRowCount'),
    releaseTier: bytesOf('releaseTier'),
    releaseFirstGen: ints('releaseFirstGen'),
    releaseLastGen: ints('releaseLastGen'),
    releaseCorrections: new Map(meta.releaseCorrections.map(([r, cs]) => [r, [...cs]])),
    genRelease: ints('genRelease'),
    genEvent: ints('genEvent'),
    genPrev: ints('genPrev'),
    genContent: [...meta.genContent],
    genWithdrawn: bytesOf('genWithdrawn'),
    genKey: meta.genContent.map(releaseSortKey),
    genDate: ints('genDate'),
    genSeries: ints('genSeries'),
    genChanges: new Map(),
    genCorrectsChanges: bytesOf('genCorrectsChanges'),
    calendars: new Map(meta.calendars),
    corrections: [...meta.corrections],
    correctionEvent: ints('correctionEvent'),
    rowRelease: ints('rowRelease'),
    rowTag: bytesOf('rowTag'),
    rowA: ints('rowA'),
    rowB: ints('rowB'),
    rowC: ints('rowC'),
    rowValue: ints('rowValue'),
    rowValid: ints('rowValid'),
    rowProv: ints('rowProv'),
    rowExtra: new Map(meta.rowExtra.map(([row, ids]) => [row, [...ids]])),
    entities: ids('entities'),
    claims: ids('claims'),
    predicates: ids('predicates'),
    series: strings('series'),
    texts: strings('texts'),
    folded: strings('folded'),
    textFolded: ints('textFolded'),
    entityFolded: ints('entityFolded'),
    foldedTrie: new TextTrie(),
    releaseTrie: new TextTrie(),
    claimTrie: new TextTrie(),
    foldedWords: new WordIndex(),
    releaseWords: new WordIndex(),
    claimWords: new WordIndex(),
    values,
    entityRows: postings('entityRows'),
    entityAsserts: postings('entityAsserts'),
    claimRows: postings('claimRows'),
    claimSettles: postings('claimSettles'),
    predicateAsserts: new RowPostings(),
    tagRows: new RowPostings(),
    foldedEntities: postings('foldedEntities'),
    entityIdentified: bytesOf('entityIdentified'),
    entitySoleRow: ints('entitySoleRow'),
    claimAssertions: bytesOf('claimAssertions'),
    blocks: new Blocks(),
    dependencies: new Dependencies(),
    derived: undefined,
    moments: undefined,
    entityOfId: new Map(),
    rendered: { genRefs: [], values: [], validities: [] },
  }
  for (const [g, changes, value, valid, prov] of meta.genChanges)
    ix.genChanges.set(g, {
      changes,
      value: Int32Array.from(value),
      valid: Int32Array.from(valid),
      prov: Int32Array.from(prov),
    })
  return E.right(ix)
}
