import type { DiffChangeAnswer, FactAtAnswer, FactDiffAnswer } from '../port/answers'
import type { DiffChange, FactAt, FactDiff } from '../reference/diff'
import { holdsNow, sourceOfValue } from '../reference/canon'
import type { Naming } from './naming'
import { entityRef, renderValue } from './values'
import { accountField, storyChangeAnswer } from './story'

export const diffChangeAnswer = (naming: Naming, c: DiffChange): DiffChangeAnswer => ({
  release: naming.release(c.release.release.id),
  change: c.class._tag === 'revised' ? `revised:${c.class.kind}` : c.class._tag,
  ...(c.class._tag === 'revised' ? { kind: c.class.kind } : {}),
  entity: entityRef(naming, c.entity),
  ...(c.predicate === undefined ? {} : { predicate: c.predicate }),
  ...(c.claim === undefined ? {} : { claim: c.claim }),
  ...(c.before === undefined ? {} : { before: renderValue(naming, c.before) }),
  ...(c.after === undefined ? {} : { after: renderValue(naming, c.after) }),
  ...(c.other === undefined ? {} : { other: entityRef(naming, c.other) }),
  ...(c.name === undefined ? {} : { name: c.name }),
  ...(c.settles === undefined ? {} : { settles: c.settles }),
  ...(c.story === undefined ? {} : { story: storyChangeAnswer(c.story) }),
  ...accountField(naming, c.account),
})

const factAtAnswer = (naming: Naming, fact: FactAt | undefined): FactAtAnswer | null =>
  fact === undefined
    ? null
    : {
        status: fact.status,
        values: fact.claims.map((c) => ({
          claim: c.id,
          value: renderValue(naming, c.value),
          tier: c.tier,
          source: naming.release(sourceOfValue(c)),
          ...accountField(naming, c.account),
          ...(holdsNow(c) ? {} : { ended: true as const }),
        })),
      }

/** A fact before (named at `from`) and after (named at `to`). */
export const factDiffAnswer = (from: Naming, to: Naming, f: FactDiff): FactDiffAnswer => ({
  entity: entityRef(to, f.entity),
  predicate: f.predicate,
  before: factAtAnswer(from, f.before),
  after: factAtAnswer(to, f.after),
})
