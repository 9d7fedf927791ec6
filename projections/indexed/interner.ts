/**
 * Strings stored once and named by a dense integer: ids, names, series, predicates. The index
 * keeps integers in its columns and turns them back into strings only at the answer boundary.
 */
export class Interner {
  readonly texts: string[]
  private readonly ids: Map<string, number>

  constructor(texts: ReadonlyArray<string> = []) {
    this.texts = [...texts]
    this.ids = new Map(this.texts.map((t, i) => [t, i]))
  }

  /** The id of a text, filing it if new. */
  intern(text: string): number {
    const known = this.ids.get(text)
    if (known !== undefined) return known
    const id = this.texts.length
    this.texts.push(text)
    this.ids.set(text, id)
    return id
  }

  /** The id of a text already filed, or -1. */
  find(text: string): number {
    return this.ids.get(text) ?? -1
  }

  text(id: number): string {
    return this.texts[id] as string
  }

  get size(): number {
    return this.texts.length
  }
}
