import type { Change, StoryChanged } from '../../src/domain/change'
import type { Correction } from '../../src/domain/correction'
import type { Recorded } from '../../src/domain/events'
import type { ClaimId, EntityId, Predicate } from '../../src/domain/ids'
import type { Release } from '../../src/domain/release'
import { releaseSortKey, tierOf } from '../../src/domain/release'
import { correctedEntry } from '../../src/domain/applyCorrection'
import type { NonEmptyText } from '../../src/domain/ids'
import { folded } from '../port/closest'
import type { GenPayload, LedgerIndex } from './ledgerIndex'
import { revisionKinds, tag } from './rowTags'
import { noProvenance } from './valueTable'
import { changeValidity, provenanceFields } from '../reference/canon'
import { tierCode } from './tiers'
import { dateNumber } from './dates'
import { subjectsOfClaim } from './blocks'

/**
 * Filing recorded events into the index, in ledger order. THE place where change kinds become
 * rows: a new kind of change is one more case here and in `changeOfRow`.
 *
 * Row fields by kind (A, B, C; value; extra):
 * - Introduced, Appeared: A entity; value the name (text id); extra the aliases (text ids)
 * - Aliased: A entity; value the alias (text id)
 * - Asserted: A claim, B subject, C predicate; value, validity
 * - Confirmed, Retracted: A claim
 * - Revised: A claim, C kind; value, validity; extra the settled claims
 * - StoryChanged: A claim; value (-1: the fact ends); validity `changeValidity` (from, when)
 * - Identified: A entity, B sameAs
 * Every row: its provenance (`provenanceFields`: quote, note, span, account), or -1.
 * A calendar's declaration is kept as declared: no read depends on it.
 */
export const ingest = (ix: LedgerIndex, e: Recorded): void => {
  const k = ix.eventPosition.length
  ix.eventPosition.push(e.position)
  ix.eventRecordedAt.push(e.recordedAt)
  ix.eventHash.push(e.hash)
  ix.eventPrevHash.push(e.prevHash)
  ix.derived = undefined
  switch (e.event._tag) {
    case 'ReleaseRecorded':
      ix.eventSubject.push(ix.releaseIds.size)
      ix.eventGen.push(ix.genRelease.length)
      return fileRelease(ix, k, e.event.release, e.event.changes)
    case 'EntryCorrected': {
      ix.eventSubject.push(-1 - ix.corrections.length)
      const gens = ix.genRelease.length
      fileCorrection(ix, k, e.event.correction)
      ix.eventGen.push(ix.genRelease.length > gens ? gens : -1)
      return
    }
    case 'CalendarDeclared':
      ix.eventSubject.push(declaredCalendar)
      ix.eventGen.push(-1)
      ix.calendars.set(k, e.event.calendar)
      return
    default: {
      const never: never = e.event
      return never
    }
  }
}

/** The subject of an event that declares a calendar (it files no release nor correction). */
export const declaredCalendar = -0x7fffffff

const fileGen = (
  ix: LedgerIndex,
  r: number,
  k: number,
  prev: number,
  content: Release,
  withdrawn: boolean,
): number => {
  const g = ix.genRelease.push(r)
  ix.genEvent.push(k)
  ix.genPrev.push(prev)
  ix.genContent.push(content)
  ix.genWithdrawn.push(withdrawn ? 1 : 0)
  ix.genCorrectsChanges.push(0)
  ix.genKey.push(releaseSortKey(content))
  ix.genDate.push(dateNumber(content.date))
  ix.genSeries.push(ix.series.intern(content.series))
  return g
}

/** The folded form of a text (its id). */
const foldedOf = (ix: LedgerIndex, text: string): number => ix.folded.intern(folded(text))

const entityOf = (ix: LedgerIndex, id: EntityId): number => {
  const size = ix.entities.size
  const e = ix.entities.intern(id)
  if (e < size) return e
  ix.entityIdentified.push(0)
  ix.entitySoleRow.push(-1)
  const f = foldedOf(ix, id)
  ix.entityFolded.push(f)
  ix.foldedEntities.add(f, e)
  return e
}

const claimOf = (ix: LedgerIndex, id: ClaimId): number => {
  const size = ix.claims.size
  const c = ix.claims.intern(id)
  if (c === size) ix.claimAssertions.push(0)
  return c
}

/** Files a row under an entity; keeps its only row when it has one and it carries no aliases. */
const fileEntityRow = (ix: LedgerIndex, e: number, row: number): void => {
  const first = !ix.entityRows.has(e)
  ix.entityRows.add(e, row)
  ix.entitySoleRow.set(
    e,
    first && ix.rowTag.get(row) === tag.Introduced && !ix.rowExtra.has(row) ? row : -1,
  )
}

/** A name or alias of entity `e`: its text id (filed under its folded form for lookups). */
const nameOf = (ix: LedgerIndex, e: number, name: string): number => {
  const size = ix.texts.size
  const t = ix.texts.intern(name)
  if (t === size) ix.textFolded.push(foldedOf(ix, name))
  ix.foldedEntities.add(ix.textFolded.get(t), e)
  return t
}

const provOf = (ix: LedgerIndex, change: Change): number => {
  // A replay files a million changes: most carry none of the fields `provenanceFields` reads
  // (it keeps only those that are defined), and most others a quote alone. Both are read here
  // without building its reading; any other is read through it.
  const c = change as Partial<Record<'note' | 'quote' | 'exactReleaseUnknownWithin', string>> & {
    readonly account?: unknown
  }
  if (
    c.note === undefined &&
    c.exactReleaseUnknownWithin === undefined &&
    c.account === undefined
  ) {
    if (c.quote === undefined) return noProvenance
    if (!entityChange(change)) return ix.values.provenances.intern({ quote: c.quote })
  }
  const p = provenanceFields(change)
  return Object.keys(p).length === 0 ? noProvenance : ix.values.provenances.intern(p)
}

/** The changes whose provenance is their note alone (`provenanceFields`). */
const entityChange = (change: Change): boolean =>
  change._tag === 'Introduced' || change._tag === 'Appeared' || change._tag === 'Aliased'

/** The validity a row keeps of a change in the story (`changeValidity`), or -1 when empty. */
const storyValidOf = (ix: LedgerIndex, change: StoryChanged): number => {
  const valid = changeValidity(change)
  return Object.keys(valid).length === 0 ? -1 : ix.values.validities.intern(valid)
}

const fileRow = (
  ix: LedgerIndex,
  r: number,
  t: number,
  a: number,
  b: number,
  c: number,
  value: number,
  valid: number,
  prov: number,
): number => {
  const row = ix.rowRelease.push(r)
  ix.rowTag.push(t)
  ix.rowA.push(a)
  ix.rowB.push(b)
  ix.rowC.push(c)
  ix.rowValue.push(value)
  ix.rowValid.push(valid)
  ix.rowProv.push(prov)
  return row
}

/** Drops the blocks of the entities a claim was asserted about (a row was added to it). */
const dropBlocksOf = (ix: LedgerIndex, c: number): void => {
  if (ix.blocks.built) for (const e of subjectsOfClaim(ix, c)) ix.blocks.drop(e)
}

const fileChange = (ix: LedgerIndex, r: number, change: Change): void => {
  const prov = provOf(ix, change)
  switch (change._tag) {
    case 'Introduced':
    case 'Appeared': {
      const e = entityOf(ix, change.entity)
      const row = fileRow(ix, r, tag[change._tag], e, -1, -1, nameOf(ix, e, change.name), -1, prov)
      if (change.aliases !== undefined)
        ix.rowExtra.set(
          row,
          change.aliases.map((a) => nameOf(ix, e, a)),
        )
      fileEntityRow(ix, e, row)
      return
    }
    case 'Aliased': {
      const e = entityOf(ix, change.entity)
      const row = fileRow(ix, r, tag.Aliased, e, -1, -1, nameOf(ix, e, change.alias), -1, prov)
      fileEntityRow(ix, e, row)
      return
    }
    case 'Identified': {
      const e = entityOf(ix, change.entity)
      const same = entityOf(ix, change.sameAs)
      const row = fileRow(ix, r, tag.Identified, e, same, -1, -1, -1, prov)
      ix.entityIdentified.set(e, ix.entityIdentified.get(e) | 1)
      ix.entityIdentified.set(same, ix.entityIdentified.get(same) | 2)
      fileEntityRow(ix, e, row)
      if (same !== e) fileEntityRow(ix, same, row)
      return
    }
    case 'Asserted': {
      const c = claimOf(ix, change.claim)
      const subject = entityOf(ix, change.subject)
      const p = ix.predicates.intern(change.predicate)
      const row = fileRow(
        ix,
        r,
        tag.Asserted,
        c,
        subject,
        p,
        ix.values.values.intern(change.value),
        change.valid === undefined ? -1 : ix.values.validities.intern(change.valid),
        prov,
      )
      ix.claimRows.add(c, row)
      ix.claimAssertions.set(c, Math.min(255, ix.claimAssertions.get(c) + 1))
      ix.entityAsserts.add(subject, row)
      dropBlocksOf(ix, c)
      return
    }
    case 'Confirmed':
    case 'Retracted': {
      const c = claimOf(ix, change.claim)
      ix.claimRows.add(c, fileRow(ix, r, tag[change._tag], c, -1, -1, -1, -1, prov))
      dropBlocksOf(ix, c)
      return
    }
    case 'StoryChanged': {
      const c = claimOf(ix, change.claim)
      const value = change.value === undefined ? -1 : ix.values.values.intern(change.value)
      const row = fileRow(ix, r, tag.StoryChanged, c, -1, -1, value, storyValidOf(ix, change), prov)
      ix.claimRows.add(c, row)
      dropBlocksOf(ix, c)
      return
    }
    case 'Revised': {
      const c = claimOf(ix, change.claim)
      const row = fileRow(
        ix,
        r,
        tag.Revised,
        c,
        -1,
        revisionKinds.indexOf(change.kind),
        ix.values.values.intern(change.value),
        change.valid === undefined ? -1 : ix.values.validities.intern(change.valid),
        prov,
      )
      ix.claimRows.add(c, row)
      dropBlocksOf(ix, c)
      if (change.settles !== undefined) {
        const settled = change.settles.map((s) => claimOf(ix, s))
        ix.rowExtra.set(row, settled)
        for (const s of new Set(settled)) {
          ix.claimSettles.add(s, row)
          dropBlocksOf(ix, s)
        }
      }
      return
    }
    default: {
      const never: never = change
      return never
    }
  }
}

const fileRelease = (
  ix: LedgerIndex,
  k: number,
  release: Release,
  changes: ReadonlyArray<Change>,
): void => {
  const r = ix.releaseIds.intern(release.id)
  ix.releaseEvent.push(k)
  ix.releaseFirstRow.push(ix.rowRelease.length)
  ix.releaseRowCount.push(changes.length)
  ix.releaseTier.push(tierCode(tierOf(release.kind)))
  const g = fileGen(ix, r, k, -1, release, false)
  ix.releaseFirstGen.push(g)
  ix.releaseLastGen.push(g)
  for (const change of changes) fileChange(ix, r, change)
}

/** The change a row records, rebuilt from the columns (as corrected at generation `g`). */
export const changeOfRow = (ix: LedgerIndex, row: number, g: number): Change => {
  const payload = ix.genChanges.get(g)
  const r = ix.rowRelease.get(row)
  if (payload !== undefined) {
    const corrected = payload.changes[row - ix.releaseFirstRow.get(r)]
    if (corrected !== undefined) return corrected
  }
  const p = ix.rowProv.get(row)
  const prov = p === noProvenance ? {} : ix.values.provenances.get(p)
  const extra = ix.rowExtra.get(row)
  const entity = (n: number) => ix.entities.text(n) as EntityId
  const claim = (n: number) => ix.claims.text(n) as ClaimId
  const text = (n: number) => ix.texts.text(n) as NonEmptyText
  const valid = ix.rowValid.get(row)
  const withValid = valid < 0 ? {} : { valid: ix.values.validities.get(valid) }
  const note = prov.note === undefined ? {} : { note: prov.note as NonEmptyText }
  const t = ix.rowTag.get(row)
  switch (t) {
    case tag.Introduced:
    case tag.Appeared:
      return {
        _tag: t === tag.Introduced ? 'Introduced' : 'Appeared',
        entity: entity(ix.rowA.get(row)),
        name: text(ix.rowValue.get(row)),
        ...(extra === undefined ? {} : { aliases: extra.map(text) }),
        ...note,
      }
    case tag.Aliased:
      return {
        _tag: 'Aliased',
        entity: entity(ix.rowA.get(row)),
        alias: text(ix.rowValue.get(row)),
        ...note,
      }
    case tag.Identified:
      return {
        _tag: 'Identified',
        entity: entity(ix.rowA.get(row)),
        sameAs: entity(ix.rowB.get(row)),
        ...(prov as object),
      }
    case tag.Asserted:
      return {
        _tag: 'Asserted',
        claim: claim(ix.rowA.get(row)),
        subject: entity(ix.rowB.get(row)),
        predicate: ix.predicates.text(ix.rowC.get(row)) as Predicate,
        value: ix.values.value(ix.rowValue.get(row)),
        ...withValid,
        ...(prov as object),
      }
    case tag.Revised:
      return {
        _tag: 'Revised',
        claim: claim(ix.rowA.get(row)),
        kind: revisionKinds[ix.rowC.get(row)] ?? 'revelation',
        value: ix.values.value(ix.rowValue.get(row)),
        ...withValid,
        ...(extra === undefined ? {} : { settles: extra.map(claim) }),
        ...(prov as object),
      }
    case tag.StoryChanged: {
      const value = ix.rowValue.get(row)
      const told = valid < 0 ? undefined : ix.values.validities.get(valid)
      return {
        _tag: 'StoryChanged',
        claim: claim(ix.rowA.get(row)),
        ...(value < 0 ? {} : { value: ix.values.value(value) }),
        ...(told?.from === undefined ? {} : { from: told.from }),
        ...(told?.note === undefined ? {} : { when: told.note }),
        ...(prov as object),
      }
    }
    case tag.Confirmed:
      return { _tag: 'Confirmed', claim: claim(ix.rowA.get(row)), ...(prov as object) }
    default:
      return { _tag: 'Retracted', claim: claim(ix.rowA.get(row)), ...(prov as object) }
  }
}

/** A release entry as recorded, rebuilt from the columns. */
export const recordedEntry = (
  ix: LedgerIndex,
  r: number,
): { readonly release: Release; readonly changes: ReadonlyArray<Change> } => {
  const g = ix.releaseFirstGen.get(r)
  const first = ix.releaseFirstRow.get(r)
  const changes: Change[] = []
  for (let i = 0; i < ix.releaseRowCount.get(r); i++) changes.push(changeOfRow(ix, first + i, g))
  return { release: ix.genContent[g] as Release, changes }
}

/** The payload columns of a release's changes as corrected (values, validities, provenance). */
const payloadOf = (ix: LedgerIndex, changes: ReadonlyArray<Change>): GenPayload => {
  const value = new Int32Array(changes.length).fill(-1)
  const valid = new Int32Array(changes.length).fill(-1)
  const prov = new Int32Array(changes.length)
  changes.forEach((c, i) => {
    if (c._tag === 'Asserted' || c._tag === 'Revised') {
      value[i] = ix.values.values.intern(c.value)
      if (c.valid !== undefined) valid[i] = ix.values.validities.intern(c.valid)
    }
    if (c._tag === 'StoryChanged') {
      if (c.value !== undefined) value[i] = ix.values.values.intern(c.value)
      valid[i] = storyValidOf(ix, c)
    }
    prov[i] = provOf(ix, c)
  })
  return { changes, value, valid, prov }
}

/**
 * A correction: the release it names gets a new generation, its entry read through THE
 * correction rule (`correctedEntry`) with every correction of it so far. A correction of a
 * release the ledger does not hold changes nothing (`decide` refuses one).
 */
const fileCorrection = (ix: LedgerIndex, k: number, correction: Correction): void => {
  const c = ix.corrections.length
  ix.corrections.push(correction)
  ix.correctionEvent.push(k)
  const r = ix.releaseIds.find(correction.target.release)
  if (r < 0) return
  const own = ix.releaseCorrections.get(r) ?? []
  own.push(c)
  ix.releaseCorrections.set(r, own)
  const recorded = recordedEntry(ix, r)
  const ofIt = own.map((n) => ix.corrections[n] as Correction)
  const content = correctedEntry(recorded, ofIt)
  const g = fileGen(ix, r, k, ix.releaseLastGen.get(r), content.release, content.withdrawn)
  ix.releaseLastGen.set(r, g)
  if (ofIt.some((x) => x.target._tag === 'ChangeEntryFixed')) {
    ix.genChanges.set(g, payloadOf(ix, content.changes))
    ix.genCorrectsChanges.set(g, 1)
  }
}
