import { IntColumn } from './columns'

/**
 * Posting lists in typed arrays: for each key (an entity, a claim, a predicate), the items
 * (rows) filed under it, in the order they were filed. Entries are chained (`next`), so filing
 * is O(1) and a list costs 8 bytes per entry, with no array per key.
 */
export class Postings {
  readonly first: IntColumn
  readonly last: IntColumn
  readonly next: IntColumn
  readonly item: IntColumn
  /** Items per key, kept only by lists that are asked how long they are. */
  readonly counts: IntColumn | undefined

  constructor(
    parts?: {
      readonly first: IntColumn
      readonly last: IntColumn
      readonly next: IntColumn
      readonly item: IntColumn
      readonly counts?: IntColumn
    },
    counted = false,
  ) {
    this.first = parts?.first ?? new IntColumn()
    this.last = parts?.last ?? new IntColumn()
    this.next = parts?.next ?? new IntColumn()
    this.item = parts?.item ?? new IntColumn()
    this.counts = parts?.counts ?? (counted ? new IntColumn() : undefined)
  }

  /** Files `item` under `key` (keys are dense: a new key extends the key range). */
  add(key: number, item: number): void {
    while (this.first.length <= key) {
      this.first.push(-1)
      this.last.push(-1)
      this.counts?.push(0)
    }
    this.counts?.set(key, this.counts.get(key) + 1)
    const entry = this.item.push(item)
    this.next.push(-1)
    const tail = this.last.get(key)
    if (tail < 0) this.first.set(key, entry)
    else this.next.set(tail, entry)
    this.last.set(key, entry)
  }

  /** The items filed under `key`, in filing order. */
  items(key: number): number[] {
    const out: number[] = []
    if (key >= this.first.length) return out
    for (let e = this.first.get(key); e >= 0; e = this.next.get(e)) out.push(this.item.get(e))
    return out
  }

  /** How many items are filed under `key`. */
  count(key: number): number {
    const counts = this.counts
    if (counts !== undefined) return key < counts.length ? counts.get(key) : 0
    let n = 0
    if (key < this.first.length) for (let e = this.first.get(key); e >= 0; e = this.next.get(e)) n++
    return n
  }

  /** Whether any item is filed under `key`. */
  has(key: number): boolean {
    return key < this.first.length && this.first.get(key) >= 0
  }
}

/**
 * Posting lists derived from a row column, filed when first asked for and then for rows filed
 * since: reads that need them (an audit by kind of change, by fact) pay for them, a replay
 * does not.
 */
export class RowPostings {
  private readonly postings = new Postings(undefined, true)
  private filed = 0

  /** The postings of every row so far, each filed under `keyOf(row)` (none when negative). */
  of(rows: number, keyOf: (row: number) => number): Postings {
    for (; this.filed < rows; this.filed++) {
      const key = keyOf(this.filed)
      if (key >= 0) this.postings.add(key, this.filed)
    }
    return this.postings
  }
}
