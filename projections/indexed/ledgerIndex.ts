import type { Change } from '../../src/domain/change'
import type { CalendarDeclaration } from '../../src/domain/calendar'
import type { Correction } from '../../src/domain/correction'
import type { Release } from '../../src/domain/release'
import { ByteColumn, IntColumn } from './columns'
import { Interner } from './interner'
import { Postings, RowPostings } from './postings'
import { ValueTable } from './valueTable'
import { tag } from './rowTags'
import { TextTrie } from './trie'
import { WordIndex } from './closest'
import type { Moments } from './moments'
import { Blocks } from './blocks'
import { Dependencies } from './dependencies'
import type { OrderCounts } from './orderCounts'
import type { ReleaseRef, ValidityAnswer, ValueAnswer } from '../port/answers'

/**
 * THE indexed reader's state: one value, columns rather than objects. Everything the ledger
 * recorded is here as integer rows (events, releases, generations of releases, changes) over
 * interned strings and values, with posting lists from entities, claims and predicates to
 * their rows. It only grows: events are filed in ledger order (`ingest.ts`), and a reader is
 * this index read up to an event (`reader.ts`), so a reader stays valid as later events are
 * filed. Derived orders (release ranks) are rebuilt when filing made them stale (`ranks.ts`).
 *
 * Vocabulary: an event ordinal `k` is an event's place in ledger order; a release ordinal `r`
 * the place of its ReleaseRecorded event among releases; a generation `g` one reading of a
 * release entry: as recorded (its first generation), then after each correction of it; a row
 * one change of a release (a release's rows are contiguous, in its changes' order).
 */
export interface LedgerIndex {
  // The ledger axis, by event ordinal.
  readonly eventPosition: bigint[]
  readonly eventRecordedAt: string[]
  readonly eventHash: string[]
  readonly eventPrevHash: string[]
  /**
   * The release ordinal a ReleaseRecorded event filed, or -1 - the correction ordinal (a
   * calendar's declaration: `calendars`).
   */
  readonly eventSubject: IntColumn
  /** The generation an event filed (a release's first, or a corrected one), or -1. */
  readonly eventGen: IntColumn

  // Releases, by release ordinal.
  readonly releaseIds: Interner
  readonly releaseEvent: IntColumn
  readonly releaseFirstRow: IntColumn
  readonly releaseRowCount: IntColumn
  readonly releaseTier: ByteColumn
  readonly releaseFirstGen: IntColumn
  readonly releaseLastGen: IntColumn
  /** Correction ordinals naming each release, in ledger order (only corrected releases). */
  readonly releaseCorrections: Map<number, number[]>

  // Generations, in the order they were filed.
  readonly genRelease: IntColumn
  /** The event from which this generation is the release's reading. */
  readonly genEvent: IntColumn
  /** The release's previous generation, or -1. */
  readonly genPrev: IntColumn
  readonly genContent: Release[]
  readonly genWithdrawn: ByteColumn
  /** Release order: `releaseSortKey` of the generation's content. */
  readonly genKey: string[]
  /** The release date as a number (YYYYMMDD), comparable as the ISO date is. */
  readonly genDate: IntColumn
  readonly genSeries: IntColumn
  /** The changes as corrected, for generations a correction of a change applies to. */
  readonly genChanges: Map<number, GenPayload>
  /** 1 for a generation `genChanges` holds (a byte to test before a map lookup). */
  readonly genCorrectsChanges: ByteColumn

  /** The calendars declared, by the event ordinal that declared each (no read depends on them). */
  readonly calendars: Map<number, CalendarDeclaration>

  // Corrections, by correction ordinal.
  readonly corrections: Correction[]
  readonly correctionEvent: IntColumn

  // Rows: one per change. Field use by kind: see `ingest.ts`.
  readonly rowRelease: IntColumn
  readonly rowTag: ByteColumn
  readonly rowA: IntColumn
  readonly rowB: IntColumn
  readonly rowC: IntColumn
  readonly rowValue: IntColumn
  readonly rowValid: IntColumn
  readonly rowProv: IntColumn
  /** Aliases (text ids) of introductions and appearances; settled claims of revisions. */
  readonly rowExtra: Map<number, ReadonlyArray<number>>

  // Interned strings and values.
  readonly entities: Interner
  readonly claims: Interner
  readonly predicates: Interner
  readonly series: Interner
  readonly texts: Interner
  /** Case-folded names, aliases and ids (lookups and suggestions compare these). */
  readonly folded: Interner
  /** Each text's folded id; each entity id's folded id. */
  readonly textFolded: IntColumn
  readonly entityFolded: IntColumn
  /** Folded texts as a trie (exact, prefix and close lookups) and by length (containment). */
  readonly foldedTrie: TextTrie
  /** Release ids and claim ids as tries (suggestions for a mistyped one). */
  readonly releaseTrie: TextTrie
  readonly claimTrie: TextTrie
  /** The later words of folded texts, release ids and claim ids (suggestions by a word's prefix). */
  readonly foldedWords: WordIndex
  readonly releaseWords: WordIndex
  readonly claimWords: WordIndex
  readonly values: ValueTable

  // Posting lists.
  /** Entity -> its introductions, appearances, aliases and identifications (either side). */
  readonly entityRows: Postings
  /** Entity -> the assertions of claims about it. */
  readonly entityAsserts: Postings
  /** Claim -> the changes made to it. */
  readonly claimRows: Postings
  /** Claim -> the revisions that settle it. */
  readonly claimSettles: Postings
  /** Predicate -> the assertions of claims of it (built when first read: `predicateRows`). */
  readonly predicateAsserts: RowPostings
  /** Change kind (row tag) -> its rows (built when first read: `tagRows`). */
  readonly tagRows: RowPostings
  /** Folded text -> the entities ever named by it (as id, name or alias). */
  readonly foldedEntities: Postings
  /**
   * Per entity, what kinds of identification name it: 1 as the entity merged into (it may
   * have members), 2 as the one merged (it may have a parent). Most entities have neither.
   */
  readonly entityIdentified: ByteColumn
  /**
   * Per entity, its only row when it has exactly one (an introduction without aliases: most
   * entities), else -1: such an entity is read from that row alone.
   */
  readonly entitySoleRow: IntColumn
  /** Per claim, how many assertions of it were recorded (more than one only after a withdrawal). */
  readonly claimAssertions: ByteColumn

  /** Entities' claims laid out together, built as entities are read (blocks.ts). */
  readonly blocks: Blocks
  /** The releases each entity's answer depends on, built as versions are asked (dependencies.ts). */
  readonly dependencies: Dependencies
  /** Derived orders, rebuilt when stale (ranks.ts). */
  derived: Derived | undefined
  /** The timeline's moments, rebuilt when stale (moments.ts). */
  moments: Moments | undefined
  readonly options: IndexOptions
  /**
   * Entity ids as values name them -> entities: reads look the same id strings up again and
   * again (a map keeps their hashes; `entities` is built for filing new ones).
   */
  readonly entityOfId: Map<string, number>
  /** Answers' pieces that do not depend on the cut, rendered once (rendered.ts). */
  readonly rendered: Rendered
}

/** How reads choose their strategy (a spec sets them low, to walk every path on small ledgers). */
export interface IndexOptions {
  /**
   * A paged read over rows gathered from posting lists (one fact, kinds of change) sorts them
   * when there are at most this many; above, it walks release order from its cursor instead,
   * where such rows are dense enough to fill a page soon.
   */
  readonly gatherAtMost: number
}

export const defaultOptions: IndexOptions = { gatherAtMost: 20000 }

/** Renderings of interned things: a release generation's reference, a value, a validity. */
export interface Rendered {
  readonly genRefs: Array<ReleaseRef | undefined>
  readonly values: Array<ValueAnswer | undefined>
  readonly validities: Array<ValidityAnswer | undefined>
}

/** A generation's corrected changes, as rows: value, validity and provenance ids per row. */
export interface GenPayload {
  readonly changes: ReadonlyArray<Change>
  readonly value: Int32Array
  readonly valid: Int32Array
  readonly prov: Int32Array
}

/** Orders derived from the columns, valid for every event filed when they were built. */
export interface Derived {
  readonly events: number
  /** Generations sorted by release order (ties: one release's generations of one key). */
  readonly rankOrder: Int32Array
  /** Each generation's dense rank in release order. */
  readonly rank: Int32Array
  /** Each generation's place in `rankOrder`. */
  readonly rankPos: Int32Array
  /** Live releases by tier over release order, at every event. */
  readonly byRank: OrderCounts
  /** Generations sorted by series, then release order; each series a block. */
  readonly seriesOrder: Int32Array
  readonly seriesPos: Int32Array
  readonly seriesBlocks: ReadonlyMap<number, readonly [number, number]>
  /** Live releases by tier over series order, at every event. */
  readonly bySeries: OrderCounts
  /** Each predicate's place in code-unit order of predicate names (facts are listed so). */
  readonly predicateRank: Int32Array
  /** Per region (lower case), built when a cut first asks for it. */
  readonly regions: Map<string, RegionOrder>
}

/** Generations ordered by their date in one region, with live counts over that order. */
export interface RegionOrder {
  /** The regional date (YYYYMMDD) of each place in the order, ascending. */
  readonly dates: Int32Array
  readonly counts: OrderCounts
}

export const emptyIndex = (options: IndexOptions = defaultOptions): LedgerIndex => ({
  options,
  eventPosition: [],
  eventRecordedAt: [],
  eventHash: [],
  eventPrevHash: [],
  eventSubject: new IntColumn(),
  eventGen: new IntColumn(),
  releaseIds: new Interner(),
  releaseEvent: new IntColumn(),
  releaseFirstRow: new IntColumn(),
  releaseRowCount: new IntColumn(),
  releaseTier: new ByteColumn(),
  releaseFirstGen: new IntColumn(),
  releaseLastGen: new IntColumn(),
  releaseCorrections: new Map(),
  genRelease: new IntColumn(),
  genEvent: new IntColumn(),
  genPrev: new IntColumn(),
  genContent: [],
  genWithdrawn: new ByteColumn(),
  genKey: [],
  genDate: new IntColumn(),
  genSeries: new IntColumn(),
  genChanges: new Map(),
  genCorrectsChanges: new ByteColumn(),
  calendars: new Map(),
  corrections: [],
  correctionEvent: new IntColumn(),
  rowRelease: new IntColumn(1024),
  rowTag: new ByteColumn(1024),
  rowA: new IntColumn(1024),
  rowB: new IntColumn(1024),
  rowC: new IntColumn(1024),
  rowValue: new IntColumn(1024),
  rowValid: new IntColumn(1024),
  rowProv: new IntColumn(1024),
  rowExtra: new Map(),
  entities: new Interner(),
  claims: new Interner(),
  predicates: new Interner(),
  series: new Interner(),
  texts: new Interner(),
  folded: new Interner(),
  textFolded: new IntColumn(),
  entityFolded: new IntColumn(),
  foldedTrie: new TextTrie(),
  releaseTrie: new TextTrie(),
  claimTrie: new TextTrie(),
  foldedWords: new WordIndex(),
  releaseWords: new WordIndex(),
  claimWords: new WordIndex(),
  values: new ValueTable(),
  entityRows: new Postings(),
  entityAsserts: new Postings(),
  claimRows: new Postings(),
  claimSettles: new Postings(),
  predicateAsserts: new RowPostings(),
  tagRows: new RowPostings(),
  foldedEntities: new Postings(),
  entityIdentified: new ByteColumn(),
  entitySoleRow: new IntColumn(),
  claimAssertions: new ByteColumn(),
  blocks: new Blocks(),
  dependencies: new Dependencies(),
  derived: undefined,
  moments: undefined,
  entityOfId: new Map(),
  rendered: { genRefs: [], values: [], validities: [] },
})

/** The number of events filed. */
export const eventCount = (ix: LedgerIndex): number => ix.eventPosition.length

/** Change kind (row tag) -> its rows. */
export const rowsByTag = (ix: LedgerIndex): Postings =>
  ix.tagRows.of(ix.rowRelease.length, (row) => ix.rowTag.get(row))

/** Predicate -> the assertions of claims of it. */
export const assertionsByPredicate = (ix: LedgerIndex): Postings =>
  ix.predicateAsserts.of(ix.rowRelease.length, (row) =>
    ix.rowTag.get(row) === tag.Asserted ? ix.rowC.get(row) : -1,
  )
