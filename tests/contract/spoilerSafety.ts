import * as E from 'fp-ts/Either'
import type { Recorded } from '../../src/domain/events'
import type { Change } from '../../src/domain/change'
import type { Value } from '../../src/domain/value'
import { tierOf } from '../../src/domain/release'
import type { Cut, ReleaseCut } from '../../projections/port/cut'
import type { ReleaseView } from '../../projections/reference/ledgerView'
import { ledgerView } from '../../projections/reference/ledgerView'
import { admissionOf } from '../../projections/reference/admission'

/**
 * THE spoiler-safety property's judge: which strings only releases outside a cut brought into
 * the ledger, and whether an answer names one. A release brings in its id and title, the ids,
 * names and aliases of the entities it introduces or shows appearing, the aliases it adds, the
 * claims it asserts or revises with their text values, quotes and notes, and what corrections
 * of its entry set. Echoes of the query itself (the cut as asked, a search text) and opaque
 * cursors are not inspected: they repeat what the asker typed.
 */
const valueTexts = (v: Value): ReadonlyArray<string> =>
  v._tag === 'Text' ? [v.text] : v._tag === 'List' ? v.items.flatMap(valueTexts) : []

const changeTokens = (c: Change): ReadonlyArray<string> => {
  switch (c._tag) {
    case 'Introduced':
    case 'Appeared':
      return [c.entity, c.name, ...(c.aliases ?? [])]
    case 'Aliased':
      return [c.alias]
    case 'Asserted':
    case 'Revised':
      return [c.claim, ...valueTexts(c.value), ...(c.quote === undefined ? [] : [c.quote])]
    case 'StoryChanged':
      return [
        c.claim,
        ...(c.value === undefined ? [] : valueTexts(c.value)),
        ...(c.quote === undefined ? [] : [c.quote]),
        ...(c.when === undefined ? [] : [c.when]),
      ]
    case 'Confirmed':
      return [c.claim, ...(c.quote === undefined ? [] : [c.quote])]
    case 'Retracted':
      return [c.claim]
    case 'Identified':
      return []
    default: {
      const never: never = c
      return never
    }
  }
}

const releaseTokens = (r: ReleaseView): ReadonlyArray<string> => [
  r.release.id,
  r.release.title,
  r.recorded.release.title,
  ...[...r.changes, ...r.recorded.changes].flatMap(changeTokens),
  ...r.corrections.flatMap((c) => {
    const t = c.correction.target
    return [
      c.correction.reason,
      ...(t._tag === 'ReleaseEntryFixed' && t.set.title !== undefined ? [t.set.title] : []),
      ...(t._tag === 'ChangeEntryFixed' && t.set.value !== undefined
        ? valueTexts(t.set.value)
        : []),
    ]
  }),
]

/** The strings only releases outside the cut brought in; undefined when the cut is refused. */
export const leakedTokens = (
  recorded: ReadonlyArray<Recorded>,
  at: Cut,
  also?: ReleaseCut,
): ReadonlySet<string> | undefined => {
  const head = recorded[recorded.length - 1]?.position ?? -1n
  if (at.ledgerPosition !== undefined && at.ledgerPosition > head) return undefined
  const view = ledgerView(recorded, at.ledgerPosition)
  const admits = admissionOf(view, at.release)
  const alsoAdmits = also === undefined ? E.right(() => false) : admissionOf(view, also)
  if (E.isLeft(admits) || E.isLeft(alsoAdmits)) return undefined
  const inside = new Set<string>()
  const outside = new Set<string>()
  for (const r of [...view.releases, ...view.withdrawn]) {
    const admitted =
      (admits.right(r) || alsoAdmits.right(r)) && at.policy.admits.has(tierOf(r.release.kind))
    for (const token of releaseTokens(r)) (admitted ? inside : outside).add(token)
  }
  return new Set([...outside].filter((t) => !inside.has(t)))
}

const echoes = new Set(['cut', 'next', 'query'])

/** What of an answer a viewer reads: refusals' suggestions and problems, answers minus echoes. */
const inspected = (answer: unknown): string => {
  if (Array.isArray(answer)) return answer.map(inspected).join('\n')
  const either = answer as E.Either<
    { _tag: string; suggestions?: unknown; problem?: unknown },
    unknown
  >
  if (E.isLeft(either))
    return JSON.stringify([either.left.suggestions ?? [], either.left.problem ?? ''])
  return JSON.stringify(either.right, (k, v: unknown) => (echoes.has(k) ? undefined : v))
}

const escaped = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** The leaked strings an answer names (none when the cut itself is refused). */
export const leaksOf = (
  recorded: ReadonlyArray<Recorded>,
  at: Cut,
  also: ReleaseCut | undefined,
  answer: unknown,
): ReadonlyArray<string> => {
  const leaked = leakedTokens(recorded, at, also)
  if (leaked === undefined || leaked.size === 0) return []
  const text = inspected(answer)
  return [...leaked].filter((t) =>
    new RegExp(`(?<![A-Za-z0-9~/])${escaped(t)}(?![0-9])`).test(text),
  )
}
