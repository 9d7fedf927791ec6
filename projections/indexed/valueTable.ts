import type { Account, Validity } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import { entitiesOfValue } from '../../src/domain/value'
import { canonicalJson } from '../../src/domain/json'
import { IntTable, StringTable } from './stringTable'

/**
 * Values stored once: every claim row names its value, validity and provenance by integer.
 * Two values get one id exactly when their canonical JSON is the same (`sameContent`), so a
 * conflict check compares ids. Text, quantities and entity references are keyed by their
 * fields (a map per shape: no key text is built); times and lists by canonical JSON. (A value
 * is read by the fields its codec names; any other field it carries is not part of its
 * identity here.)
 */
/** What a change says of its own source (`provenanceFields`, reference/canon.ts). */
export interface Provenance {
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
  readonly account?: Account
}

class Table<T> {
  readonly items: T[]
  private readonly ids: Map<string, number>

  constructor(
    private readonly keyOf: (item: T) => string,
    items: ReadonlyArray<T> = [],
  ) {
    this.items = [...items]
    this.ids = new Map(this.items.map((v, i) => [keyOf(v), i]))
  }

  intern(item: T): number {
    const key = this.keyOf(item)
    const known = this.ids.get(key)
    if (known !== undefined) return known
    this.items.push(item)
    this.ids.set(key, this.items.length - 1)
    return this.items.length - 1
  }

  get(id: number): T {
    return this.items[id] as T
  }
}

/** Values by shape: the id of each distinct value, and the values by id. */
class Values {
  readonly items: Value[] = []
  private readonly texts = new StringTable(
    (id) => (this.items[id] as { readonly text: string }).text,
  )
  private readonly refs = new StringTable(
    (id) => (this.items[id] as { readonly entity: string }).entity,
  )
  /** Quantities: by qualifier and unit, then by amount (whole amounts in a table, others in a map). */
  private readonly quantities = new Map<
    string,
    { readonly whole: IntTable; readonly other: Map<number, number> }
  >()
  private readonly others = new Map<string, number>()
  /** Restored values not yet keyed (keyed when a value is first interned). */
  private pending: ReadonlyArray<Value>

  constructor(items: ReadonlyArray<Value> = []) {
    this.pending = items
    for (let i = 0; i < items.length; i++) this.items.push(items[i] as Value)
  }

  /** Keys restored values now (else when a value is first interned). */
  prepare(): void {
    this.keyPending()
  }

  private keyPending(): void {
    if (this.pending.length === 0) return
    const restored = this.pending
    this.pending = []
    this.items.length = 0
    for (const v of restored) this.intern(v)
  }

  private filed(map: Map<string, number>, key: string, v: Value): number {
    const known = map.get(key)
    if (known !== undefined) return known
    map.set(key, this.items.length)
    this.items.push(v)
    return this.items.length - 1
  }

  private tabled(table: StringTable, key: string, v: Value): number {
    const next = this.items.length
    const id = table.idOf(key, next)
    if (id === next) this.items.push(v)
    return id
  }

  intern(v: Value): number {
    this.keyPending()
    switch (v._tag) {
      case 'Text':
        return this.tabled(this.texts, v.text, v)
      case 'EntityRef':
        return this.tabled(this.refs, v.entity, v)
      case 'Quantity': {
        const kind = v.unit === undefined ? v.qualifier : `${v.qualifier}\u0000${v.unit}`
        let byAmount = this.quantities.get(kind)
        if (byAmount === undefined) {
          byAmount = { whole: new IntTable(), other: new Map() }
          this.quantities.set(kind, byAmount)
        }
        // -0 and 0 are one amount in JSON: `| 0` makes them one key, as a Map does.
        const whole = (v.amount | 0) === v.amount
        const known = whole
          ? byAmount.whole.get(v.amount | 0)
          : (byAmount.other.get(v.amount) ?? -1)
        if (known >= 0) return known
        this.items.push(v)
        if (whole) byAmount.whole.set(v.amount | 0, this.items.length - 1)
        else byAmount.other.set(v.amount, this.items.length - 1)
        return this.items.length - 1
      }
      case 'Time':
      case 'List':
        return this.filed(this.others, canonicalJson(v), v)
      default: {
        const never: never = v
        return never
      }
    }
  }

  get(id: number): Value {
    return this.items[id] as Value
  }
}

const provenanceKey = (p: Provenance): string =>
  p.note === undefined && p.exactReleaseUnknownWithin === undefined && p.account === undefined
    ? `q${p.quote ?? ''}`
    : JSON.stringify([
        p.quote ?? null,
        p.note ?? null,
        p.exactReleaseUnknownWithin ?? null,
        p.account === undefined ? null : [p.account.as, p.account.by],
      ])

export class ValueTable {
  readonly values: Values
  readonly validities: Table<Validity>
  readonly provenances: Table<Provenance>
  /** Whether a value names an entity (its rendering then depends on the cut): 1 no, 2 yes. */
  private refs = new Uint8Array(1024)

  constructor(parts?: {
    readonly values: ReadonlyArray<Value>
    readonly validities: ReadonlyArray<Validity>
    readonly provenances: ReadonlyArray<Provenance>
  }) {
    this.values = new Values(parts?.values)
    this.validities = new Table(canonicalJson, parts?.validities)
    this.provenances = new Table(provenanceKey, parts?.provenances)
  }

  value(id: number): Value {
    return this.values.get(id)
  }

  namesEntities(id: number): boolean {
    if (id >= this.refs.length) {
      const wider = new Uint8Array(Math.max(id + 1, this.refs.length * 2))
      wider.set(this.refs)
      this.refs = wider
    }
    let known = this.refs[id] as number
    if (known === 0) {
      known = entitiesOfValue(this.values.get(id)).length > 0 ? 2 : 1
      this.refs[id] = known
    }
    return known === 2
  }
}

export const noProvenance = -1
