import { IntColumn } from './columns'

/**
 * A trie of texts (UTF-16 code units), each text filed with an id: exact lookup, prefix
 * enumeration by length, and every text within a few edits of a query (a Levenshtein search
 * that prunes any branch whose prefix is already too far, so it visits only the close part of
 * the trie instead of measuring the distance to every text). Grows as texts are added.
 */
export class Trie {
  private readonly unit = new IntColumn(1024)
  private readonly firstChild = new IntColumn(1024)
  private readonly nextSibling = new IntColumn(1024)
  private readonly depth = new IntColumn(1024)
  /** The id of the text ending at a node, or -1. */
  private readonly terminal = new IntColumn(1024)

  constructor() {
    this.node(0, 0)
  }

  /** Gives back the room its columns grew for nodes not added yet. */
  trim(): void {
    for (const column of [this.unit, this.firstChild, this.nextSibling, this.depth, this.terminal])
      column.trim()
  }

  private node(unit: number, depth: number): number {
    this.unit.push(unit)
    this.firstChild.push(-1)
    this.nextSibling.push(-1)
    this.depth.push(depth)
    return this.terminal.push(-1)
  }

  private child(n: number, unit: number): number {
    for (let c = this.firstChild.get(n); c >= 0; c = this.nextSibling.get(c))
      if (this.unit.get(c) === unit) return c
    return -1
  }

  add(text: string, id: number): void {
    let n = 0
    for (let i = 0; i < text.length; i++) {
      const u = text.charCodeAt(i)
      let c = this.child(n, u)
      if (c < 0) {
        c = this.node(u, i + 1)
        this.nextSibling.set(c, this.firstChild.get(n))
        this.firstChild.set(n, c)
      }
      n = c
    }
    if (this.terminal.get(n) < 0) this.terminal.set(n, id)
  }

  private nodeOf(text: string): number {
    let n = 0
    for (let i = 0; i < text.length && n >= 0; i++) n = this.child(n, text.charCodeAt(i))
    return n
  }

  /** The id of a text, or -1. */
  find(text: string): number {
    const n = this.nodeOf(text)
    return n < 0 ? -1 : this.terminal.get(n)
  }

  /**
   * The texts that extend `prefix` (not the prefix itself), a length at a time, shortest
   * first: `visit` gets each length's ids and says whether to go on to longer ones.
   */
  extensions(prefix: string, visit: (ids: ReadonlyArray<number>) => boolean): void {
    const start = this.nodeOf(prefix)
    if (start < 0) return
    let level: number[] = []
    for (let c = this.firstChild.get(start); c >= 0; c = this.nextSibling.get(c)) level.push(c)
    while (level.length > 0) {
      const ids: number[] = []
      const next: number[] = []
      for (const n of level) {
        const t = this.terminal.get(n)
        if (t >= 0) ids.push(t)
        for (let c = this.firstChild.get(n); c >= 0; c = this.nextSibling.get(c)) next.push(c)
      }
      if (ids.length > 0 && !visit(ids)) return
      level = next
    }
  }

  /**
   * Every text within `max` edits of `query` (insert, delete, substitute), with its distance.
   * Only cells within `max` of the diagonal are computed: the others exceed `max` anyway.
   */
  within(query: string, max: number): Array<{ readonly id: number; readonly distance: number }> {
    const out: Array<{ readonly id: number; readonly distance: number }> = []
    const m = query.length
    const big = max + 1
    const rows: Int32Array[] = [Int32Array.from({ length: m + 1 }, (_, j) => Math.min(j, big))]
    const stack: number[] = []
    for (let c = this.firstChild.get(0); c >= 0; c = this.nextSibling.get(c)) stack.push(c)
    while (stack.length > 0) {
      const n = stack.pop() as number
      const i = this.depth.get(n)
      const above = rows[i - 1] as Int32Array
      let row = rows[i]
      if (row === undefined) {
        row = new Int32Array(m + 1)
        rows[i] = row
      }
      const u = this.unit.get(n)
      const from = Math.max(1, i - max)
      const to = Math.min(m, i + max)
      row[0] = Math.min(i, big)
      if (from > 1) row[from - 1] = big
      let best = row[0]
      for (let j = from; j <= to; j++) {
        const substitute = (above[j - 1] as number) + (query.charCodeAt(j - 1) === u ? 0 : 1)
        const remove = (above[j] as number) + 1
        const insert = (row[j - 1] as number) + 1
        const v = Math.min(substitute, remove, insert, big)
        row[j] = v
        if (v < best) best = v
      }
      if (to < m) row[to + 1] = big
      const t = this.terminal.get(n)
      if (t >= 0 && i >= m - max && i <= m + max && (row[m] as number) <= max)
        out.push({ id: t, distance: row[m] as number })
      if (best <= max)
        for (let c = this.firstChild.get(n); c >= 0; c = this.nextSibling.get(c)) stack.push(c)
    }
    return out
  }
}

/**
 * The edit distance of two texts when it is at most `max`, else `max + 1`: the same as
 * `editDistance` wherever a suggestion can use it, in O(max) per character.
 */
export const distanceWithin = (a: string, b: string, max: number): number => {
  const big = max + 1
  if (Math.abs(a.length - b.length) > max) return big
  let above = Int32Array.from({ length: b.length + 1 }, (_, j) => Math.min(j, big))
  let row = new Int32Array(b.length + 1)
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max)
    const to = Math.min(b.length, i + max)
    row[0] = Math.min(i, big)
    if (from > 1) row[from - 1] = big
    let best = row[0]
    const u = a.charCodeAt(i - 1)
    for (let j = from; j <= to; j++) {
      const v = Math.min(
        (above[j - 1] as number) + (b.charCodeAt(j - 1) === u ? 0 : 1),
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        big,
      )
      row[j] = v
      if (v < best) best = v
    }
    if (to < b.length) row[to + 1] = big
    if (best > max) return big
    const swap = above
    above = row
    row = swap
  }
  return above[b.length] as number
}

/**
 * A trie of an interner's texts, filed when first asked for and then as texts are added: a
 * replay pays for it only when a lookup needs it.
 */
export class TextTrie {
  private readonly trie = new Trie()
  private filed = 0
  private readonly lengths = new Map<number, number[]>()

  /** The trie of `texts` (ids are the interner's). */
  of(texts: { readonly size: number; text: (id: number) => string }): Trie {
    const bulk = texts.size - this.filed > 4096
    for (; this.filed < texts.size; this.filed++) {
      const text = texts.text(this.filed)
      this.trie.add(text, this.filed)
      const bucket = this.lengths.get(text.length)
      if (bucket === undefined) this.lengths.set(text.length, [this.filed])
      else bucket.push(this.filed)
    }
    if (bulk) this.trie.trim()
    return this.trie
  }

  /** The texts' ids by length (for containment scans). */
  byLength(texts: {
    readonly size: number
    text: (id: number) => string
  }): ReadonlyMap<number, ReadonlyArray<number>> {
    this.of(texts)
    return this.lengths
  }
}
