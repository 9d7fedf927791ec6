/**
 * Texts to ids, as an open-addressing hash table in one typed array (each slot a text's hash
 * and id side by side, so a probe reads one cache line): a lookup hashes the text (FNV-1a over
 * its code units), probes a few slots and compares a text only when its hash matches. At a
 * million texts it is several times smaller than a Map, and faster.
 */
export class StringTable {
  /** Per slot: hash, then id (-1: empty). */
  private slots: Int32Array
  private size = 0

  constructor(
    private readonly textOf: (id: number) => string,
    count = 0,
  ) {
    let capacity = 1024
    while (capacity < count * 2) capacity *= 2
    this.slots = empty(capacity)
    for (let id = 0; id < count; id++) this.set(textOf(id), id)
  }

  /** The id of a text, or -1. */
  get(text: string): number {
    const h = hashOf(text)
    const mask = this.slots.length / 2 - 1
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[2 * slot + 1] as number
      if (id < 0) return -1
      if (this.slots[2 * slot] === h && this.textOf(id) === text) return id
    }
  }

  /**
   * The id of a text; when it is not filed yet, it is filed under `next` (the caller's next id),
   * which is answered: one hash and one probe where `get` then `set` take two.
   */
  idOf(text: string, next: number): number {
    const h = hashOf(text)
    const mask = this.slots.length / 2 - 1
    let slot = h & mask
    for (; ; slot = (slot + 1) & mask) {
      const id = this.slots[2 * slot + 1] as number
      if (id < 0) break
      if (this.slots[2 * slot] === h && this.textOf(id) === text) return id
    }
    if ((this.size + 1) * 2 > this.slots.length / 2) {
      this.grow()
      this.put(h, next)
      return next
    }
    this.slots[2 * slot] = h
    this.slots[2 * slot + 1] = next
    this.size += 1
    return next
  }

  /** Files a text under an id (the text must not be filed yet). */
  set(text: string, id: number): void {
    if ((this.size + 1) * 2 > this.slots.length / 2) this.grow()
    this.put(hashOf(text), id)
  }

  private put(h: number, id: number): void {
    const mask = this.slots.length / 2 - 1
    let slot = h & mask
    while ((this.slots[2 * slot + 1] as number) >= 0) slot = (slot + 1) & mask
    this.slots[2 * slot] = h
    this.slots[2 * slot + 1] = id
    this.size += 1
  }

  private grow(): void {
    const old = this.slots
    this.slots = empty(old.length)
    this.size = 0
    for (let i = 0; i < old.length; i += 2)
      if ((old[i + 1] as number) >= 0) this.put(old[i] as number, old[i + 1] as number)
  }
}

/** A table of `capacity` slots, twice as many as `length` / 2 of the old one. */
const empty = (length: number): Int32Array => {
  const slots = new Int32Array(length * 2)
  for (let i = 1; i < slots.length; i += 2) slots[i] = -1
  return slots
}

const hashOf = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

/** Integer keys to ids, as `StringTable` holds texts (a slot: key, then id). */
export class IntTable {
  private slots: Int32Array
  private size = 0

  constructor() {
    this.slots = empty(256)
  }

  get(key: number): number {
    const mask = this.slots.length / 2 - 1
    for (let slot = Math.imul(key, 0x9e3779b1) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[2 * slot + 1] as number
      if (id < 0) return -1
      if (this.slots[2 * slot] === key) return id
    }
  }

  set(key: number, id: number): void {
    if ((this.size + 1) * 2 > this.slots.length / 2) {
      const old = this.slots
      this.slots = empty(old.length)
      this.size = 0
      for (let i = 0; i < old.length; i += 2)
        if ((old[i + 1] as number) >= 0) this.put(old[i] as number, old[i + 1] as number)
    }
    this.put(key, id)
  }

  private put(key: number, id: number): void {
    const mask = this.slots.length / 2 - 1
    let slot = Math.imul(key, 0x9e3779b1) & mask
    while ((this.slots[2 * slot + 1] as number) >= 0) slot = (slot + 1) & mask
    this.slots[2 * slot] = key
    this.slots[2 * slot + 1] = id
    this.size += 1
  }
}
