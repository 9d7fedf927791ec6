import { StringTable } from './stringTable'

/**
 * Strings stored once and named by a dense integer: ids, names, series, predicates. The index
 * keeps integers in its columns and turns them back into strings only at the answer boundary.
 */
export class Interner {
  readonly texts: string[]
  /** Text -> id, built when first needed (a restored index reads ids before it looks texts up). */
  private byText: StringTable | undefined

  constructor(texts: string[] = []) {
    this.texts = texts
  }

  /** Builds the map from texts to ids now (a restored index does it when first asked). */
  prepare(): void {
    void this.ids
  }

  private get ids(): StringTable {
    if (this.byText === undefined)
      this.byText = new StringTable((id) => this.texts[id] as string, this.texts.length)
    return this.byText
  }

  /** The id of a text, filing it if new. */
  intern(text: string): number {
    const next = this.texts.length
    const id = this.ids.idOf(text, next)
    if (id === next) this.texts.push(text)
    return id
  }

  /** The id of a text already filed, or -1. */
  find(text: string): number {
    return this.ids.get(text)
  }

  text(id: number): string {
    return this.texts[id] as string
  }

  get size(): number {
    return this.texts.length
  }
}
