import type { ClaimId, EntityId, Predicate, ReleaseId } from '../../src/domain/ids'
import type { Release } from '../../src/domain/release'
import type { Account, Change } from '../../src/domain/change'
import type { ClaimState, ProvenanceStep, StoryPhase } from '../reference/canon'
import type { RecordedCorrection, ReleaseView } from '../reference/ledgerView'
import type { Naming } from '../answers/naming'
import { releaseRefs } from '../answers/naming'
import { releaseRef } from '../answers/releaseRef'
import type { ReleaseRef } from '../port/answers'
import type { Correction } from '../../src/domain/correction'
import type { At } from './at'
import { admittedGen } from './admission'
import type { ClaimAt } from './claimFold'
import {
  P_ACCOUNT_GEN,
  P_ACCOUNT_ROW,
  P_GEN,
  P_VALID,
  P_VALUE,
  phaseStride,
  stepChanges,
} from './claimFold'
import { entityAt, rootAt } from './entityFold'
import { changeOfRow, recordedEntry } from './ingest'
import type { LedgerIndex } from './ledgerIndex'
import { provAt } from './payload'
import { revisionKinds } from './rowTags'
import { tierOfCode } from './tiers'
import { noProvenance } from './valueTable'

/**
 * The index's folds as the reference's read-side shapes (claim states, release views), so
 * that answers are rendered by the same code (`projections/answers`) whichever reader folds.
 */
const statuses = ['live', 'retracted', 'settled'] as const

export const stepOf = (
  ix: LedgerIndex,
  row: number,
  g: number,
  change: ProvenanceStep['change'],
): ProvenanceStep => {
  const p = provAt(ix, row, g)
  return {
    release: ix.releaseIds.text(ix.rowRelease.get(row)) as ReleaseId,
    change,
    ...(change === 'Revised' ? { kind: revisionKinds[ix.rowC.get(row)] ?? 'revelation' } : {}),
    ...(p === noProvenance ? {} : ix.values.provenances.get(p)),
  }
}

/** The account a row's provenance holds (as its release reads at generation `g`), if any. */
export const accountAt = (ix: LedgerIndex, row: number, g: number): Account | undefined => {
  if (row < 0) return undefined
  const p = provAt(ix, row, g)
  return p === noProvenance ? undefined : ix.values.provenances.get(p).account
}

/** A claim's phases in the story as the reference's fold holds them. */
export const phasesOf = (ix: LedgerIndex, story: ReadonlyArray<number>): StoryPhase[] => {
  const phases: StoryPhase[] = []
  for (let i = 0; i < story.length; i += phaseStride) {
    const value = story[i + P_VALUE] as number
    const valid = story[i + P_VALID] as number
    const account = accountAt(
      ix,
      story[i + P_ACCOUNT_ROW] as number,
      story[i + P_ACCOUNT_GEN] as number,
    )
    phases.push({
      ...(value < 0 ? {} : { value: ix.values.value(value) }),
      ...(valid < 0 ? {} : { valid: ix.values.validities.get(valid) }),
      release: ix.releaseIds.text(ix.genRelease.get(story[i + P_GEN] as number)) as ReleaseId,
      ...(account === undefined ? {} : { account }),
    })
  }
  return phases
}

export const claimStateOf = (ix: LedgerIndex, s: ClaimAt): ClaimState => {
  const account = accountAt(ix, s.accountRow, s.accountGen)
  return {
    id: ix.claims.text(s.c) as ClaimId,
    subject: ix.entities.text(s.subject) as EntityId,
    predicate: ix.predicates.text(s.predicate) as Predicate,
    value: ix.values.value(s.value),
    ...(s.valid < 0 ? {} : { valid: ix.values.validities.get(s.valid) }),
    tier: tierOfCode(s.tier),
    status: statuses[s.status] ?? 'live',
    ...(s.settledBy < 0 ? {} : { settledBy: ix.claims.text(s.settledBy) as ClaimId }),
    ...(account === undefined ? {} : { account }),
    ...(s.story === undefined ? {} : { story: phasesOf(ix, s.story) }),
    provenance: stepsOf(s).map(([row, g, change]) => stepOf(ix, row, g, change)),
  }
}

/** A claim's provenance steps: row, generation and kind of each. */
export const stepsOf = (
  s: ClaimAt,
): ReadonlyArray<readonly [number, number, ProvenanceStep['change']]> => {
  const out: Array<readonly [number, number, ProvenanceStep['change']]> = []
  for (let i = 0; i < s.steps.length; i += 3)
    out.push([
      s.steps[i] as number,
      s.steps[i + 1] as number,
      stepChanges[s.steps[i + 2] as number] ?? 'Asserted',
    ])
  return out
}

/** A release cited by no admitted release: its id alone (as the reference cites it). */
const unadmitted = releaseRefs([])

/** How answers at the cut name entities and releases (`projections/answers/naming.ts`). */
export const namingAt = (at: At): Naming => {
  const ix = at.a.ix
  const refs = new Map<string, ReleaseRef>()
  // A value names an entity by id: the last one looked up is asked again at once (rootOf after
  // nameOf), so it is kept.
  let lastId = ''
  let last = -1
  const entityOf = (id: string): number => {
    if (id !== lastId) {
      lastId = id
      const known = ix.entityOfId.get(id)
      last = known ?? ix.entities.find(id)
      if (known === undefined && last >= 0) ix.entityOfId.set(id, last)
    }
    return last
  }
  return {
    nameOf: (id) => {
      const e = entityOf(id)
      return e < 0 ? undefined : entityAt(at, e)?.name
    },
    rootOf: (id) => {
      const e = entityOf(id)
      return e < 0 ? id : (ix.entities.text(rootAt(at, e)) as EntityId)
    },
    release: (id) => {
      const known = refs.get(id)
      if (known !== undefined) return known
      const r = ix.releaseIds.find(id)
      const g = r < 0 ? -1 : admittedGen(at.a, r)
      const ref = g < 0 ? unadmitted(id) : releaseRef(ix.genContent[g] as Release)
      refs.set(id, ref)
      return ref
    },
  }
}

/**
 * A release as the ledger view at the cut reads it (reference/ledgerView.ts). Its changes and
 * its recorded entry are rebuilt from the columns only if a renderer asks for them.
 */
export const releaseViewAt = (at: At, r: number, g: number): ReleaseView => {
  const ix = at.a.ix
  const k = at.a.k
  const release = ix.genContent[g] as Release
  const own = ix.releaseCorrections.get(r) ?? []
  const corrections: RecordedCorrection[] = own
    .filter((c) => ix.correctionEvent.get(c) <= k)
    .map((c) => {
      const event = ix.correctionEvent.get(c)
      return {
        correction: ix.corrections[c] as Correction,
        position: ix.eventPosition[event] as bigint,
        recordedAt: ix.eventRecordedAt[event] as string,
      }
    })
  let changes: ReadonlyArray<Change> | undefined
  let recorded: { readonly release: Release; readonly changes: ReadonlyArray<Change> } | undefined
  const event = ix.releaseEvent.get(r)
  return {
    release,
    get changes(): ReadonlyArray<Change> {
      if (changes === undefined) {
        const first = ix.releaseFirstRow.get(r)
        changes = Array.from({ length: ix.releaseRowCount.get(r) }, (_, i) =>
          changeOfRow(ix, first + i, g),
        )
      }
      return changes
    },
    position: ix.eventPosition[event] as bigint,
    recordedAt: ix.eventRecordedAt[event] as string,
    key: ix.genKey[g] as string,
    get recorded() {
      if (recorded === undefined) recorded = recordedEntry(ix, r)
      return recorded
    },
    corrections,
  }
}
