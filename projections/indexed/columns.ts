/**
 * Growable typed columns: the index keeps its rows as integers in typed arrays, not as objects.
 * A column owns its buffer and grows it by doubling; `length` is how many values it holds.
 */
export class IntColumn {
  private data: Int32Array
  length = 0

  /** `init`: values to start with (taken over); `length`: how many of them are held (all). */
  constructor(capacity = 16, init?: Int32Array, length = init?.length ?? 0) {
    this.data = init ?? new Int32Array(Math.max(16, capacity))
    this.length = length
  }

  push(value: number): number {
    if (this.length === this.data.length) this.grow(this.length + 1)
    this.data[this.length] = value
    return this.length++
  }

  get(i: number): number {
    return this.data[i] as number
  }

  set(i: number, value: number): void {
    this.data[i] = value
  }

  /** The values held, as a view (no copy): valid until the next push. */
  view(): Int32Array {
    return this.data.subarray(0, this.length)
  }

  /** Gives back the room grown for values not pushed yet (after a bulk of pushes). */
  trim(): void {
    if (this.data.length > this.length + 16) this.data = this.data.slice(0, this.length)
  }

  private grow(needed: number): void {
    const next = new Int32Array(Math.max(needed, this.data.length * 2))
    next.set(this.data.subarray(0, this.length))
    this.data = next
  }
}

export class ByteColumn {
  private data: Uint8Array
  length = 0

  constructor(capacity = 16, init?: Uint8Array, length = init?.length ?? 0) {
    this.data = init ?? new Uint8Array(Math.max(16, capacity))
    this.length = length
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const next = new Uint8Array(Math.max(16, this.data.length * 2))
      next.set(this.data)
      this.data = next
    }
    this.data[this.length] = value
    return this.length++
  }

  get(i: number): number {
    return this.data[i] as number
  }

  set(i: number, value: number): void {
    this.data[i] = value
  }

  view(): Uint8Array {
    return this.data.subarray(0, this.length)
  }
}

/**
 * Room to grow for a restored column: values read back with an eighth more room, so that the
 * first events filed after a restore do not copy every column at once.
 */
export const roomy = <A extends Int32Array | Uint8Array>(values: A, make: (n: number) => A): A => {
  const out = make(values.length + Math.max(1024, values.length >> 3))
  out.set(values)
  return out
}
