import type { Validity } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import { entitiesOfValue } from '../../src/domain/value'
import { canonicalJson } from '../../src/domain/json'

/**
 * Values stored once: every claim row names its value, validity and provenance by integer.
 * Two values get one id exactly when their canonical JSON is the same (`sameContent`), so a
 * conflict check compares ids. Fast keys for the common shapes; canonical JSON for the rest.
 * (A value is read by the fields its codec names; any other field it carries is not part of
 * its identity here.)
 */
const valueKey = (v: Value): string => {
  switch (v._tag) {
    case 'Text':
      return `T${v.text}`
    case 'Quantity':
      return `Q${v.amount}\u0000${v.qualifier}\u0000${v.unit ?? '\u0001'}`
    case 'EntityRef':
      return `E${v.entity}`
    case 'Time':
    case 'List':
      return `J${canonicalJson(v)}`
    default: {
      const never: never = v
      return never
    }
  }
}

export interface Provenance {
  readonly quote?: string
  readonly note?: string
  readonly exactReleaseUnknownWithin?: string
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

export class ValueTable {
  readonly values: Table<Value>
  readonly validities: Table<Validity>
  readonly provenances: Table<Provenance>
  /** Whether a value names an entity (its rendering then depends on the cut). */
  private readonly refs: boolean[] = []

  constructor(parts?: {
    readonly values: ReadonlyArray<Value>
    readonly validities: ReadonlyArray<Validity>
    readonly provenances: ReadonlyArray<Provenance>
  }) {
    this.values = new Table(valueKey, parts?.values)
    this.validities = new Table(canonicalJson, parts?.validities)
    this.provenances = new Table(
      (p) => JSON.stringify([p.quote ?? null, p.note ?? null, p.exactReleaseUnknownWithin ?? null]),
      parts?.provenances,
    )
  }

  value(id: number): Value {
    return this.values.get(id)
  }

  namesEntities(id: number): boolean {
    let known = this.refs[id]
    if (known === undefined) {
      known = entitiesOfValue(this.values.get(id)).length > 0
      this.refs[id] = known
    }
    return known
  }
}

export const noProvenance = -1

/** The provenance fields a change carries, or undefined when it carries none. */
export const provenanceOf = (c: Provenance): Provenance | undefined =>
  c.quote === undefined && c.note === undefined && c.exactReleaseUnknownWithin === undefined
    ? undefined
    : {
        ...(c.quote === undefined ? {} : { quote: c.quote }),
        ...(c.note === undefined ? {} : { note: c.note }),
        ...(c.exactReleaseUnknownWithin === undefined
          ? {}
          : { exactReleaseUnknownWithin: c.exactReleaseUnknownWithin }),
      }
