import type { CutAnswer, ReleaseRef } from '../app/answers'
import type {
  DiffAnswer,
  EntityAnswer,
  HistoryAnswer,
  ReleasesAnswer,
  TimelineAnswer,
} from '../app/queryTypes'
import type { ReleaseCut } from '../../projections/cut'
import { table } from './output'

export const releaseLabel = (r: ReleaseRef): string =>
  `${r.id} "${r.title}" (${r.series}${
    r.season !== undefined && r.episode !== undefined ? ` S${r.season}E${r.episode}` : ''
  }, ${r.date})`

export const cutLabel = (cut: ReleaseCut): string => {
  switch (cut._tag) {
    case 'Latest':
      return 'latest'
    case 'AsOfRelease':
      return `as of ${cut.release}`
    case 'AsOfDate':
      return `as of ${cut.date}`
    case 'Progress':
      return `after watching ${cut.watched.join(', ')}`
    default: {
      const never: never = cut
      return never
    }
  }
}

export const atLine = (at: CutAnswer): string =>
  `${cutLabel(at.cut)}; canon: ${at.policy}; ${at.releasesAdmitted} releases admitted${
    at.lastRelease === null ? '' : `, the last ${releaseLabel(at.lastRelease)}`
  }; ledger position ${at.ledgerPosition}\n`

/** The "what viewers knew" table of one entity at a cut. */
export const renderEntity = (a: EntityAnswer): string => {
  const e = a.entity
  const head =
    `${e.name} (${e.id})\n` +
    (e.aliases.length === 0 ? '' : `also known as: ${e.aliases.join(', ')}\n`) +
    (e.identifiedWith.length === 0
      ? ''
      : `identified with: ${e.identifiedWith.map((x) => `${x.name} (${x.id})`).join(', ')}\n`) +
    atLine(a.at)
  const rows = a.facts.flatMap((f) =>
    f.claims.map((c, i) => [
      i === 0 ? f.predicate : '',
      f.status === 'conflict' ? 'CONFLICT' : '',
      c.value.text,
      `${c.source.id} (${c.tier})`,
      c.revisionKind === undefined
        ? (c.provenance[0]?.change ?? 'asserted')
        : `revised: ${c.revisionKind}`,
      c.valid === undefined
        ? ''
        : [c.valid.from, c.valid.until].some((x) => x !== undefined)
          ? `${c.valid.from ?? ''}..${c.valid.until ?? ''}`
          : '',
    ]),
  )
  return `${head}\n${
    rows.length === 0
      ? '(no facts at this cut)\n'
      : table(['fact', 'status', 'value', 'source', 'how', 'valid in-universe'], rows)
  }`
}

export const renderDiff = (d: DiffAnswer): string => {
  const rows = d.changes.map((c) => [
    c.release.id,
    c.change,
    c.entity.name,
    c.predicate ?? '',
    c.before === undefined ? '' : c.before.text,
    c.after?.text ?? c.other?.name ?? c.name ?? '',
  ])
  return (
    `from: ${atLine(d.from)}to:   ${atLine(d.to)}` +
    (d.entity === null ? '' : `entity: ${d.entity.name} (${d.entity.id})\n`) +
    `${d.releases.length} releases in between\n\n` +
    (rows.length === 0
      ? '(no changes)\n'
      : table(['release', 'change', 'entity', 'fact', 'before', 'after'], rows))
  )
}

export const renderHistory = (h: HistoryAnswer): string => {
  const rows = h.entries.map((e) => [
    e.release.date,
    e.release.id,
    e.withdrawn
      ? `${e.change} (withdrawn)`
      : e.kind === undefined
        ? e.change
        : `${e.change}: ${e.kind}`,
    e.predicate ?? '',
    e.oldValue?.text ?? '',
    e.newValue?.text ?? e.other?.name ?? e.name ?? '',
    e.position,
    e.recordedAt,
  ])
  const corrections = h.corrections.map((c) => [
    c.id,
    c.what,
    c.release + (c.claim === undefined ? '' : ` / ${c.claim}`),
    c.fields
      .map((f) => `${f.field}: ${JSON.stringify(f.before)} -> ${JSON.stringify(f.after)}`)
      .join('; '),
    c.position,
    c.reason,
  ])
  return (
    `history of ${h.entity.name} (${h.entity.id})${h.predicate === null ? '' : `, ${h.predicate}`}; canon: ${h.policy}; ledger position ${h.ledgerPosition}\n\n` +
    (rows.length === 0
      ? '(no changes)\n'
      : table(['date', 'release', 'change', 'fact', 'old', 'new', 'position', 'recorded'], rows)) +
    (corrections.length === 0
      ? ''
      : `\neditorial corrections:\n${table(['correction', 'what', 'entry', 'fields', 'position', 'reason'], corrections)}`)
  )
}

export const renderTimeline = (t: TimelineAnswer): string =>
  atLine(t.at) +
  '\n' +
  (t.entries.length === 0
    ? '(nothing dated in-universe at this cut)\n'
    : table(
        ['in-universe', 'anchor', 'entity', 'fact', 'value', 'source'],
        t.entries.map((e) => [
          e.time,
          e.anchor,
          e.entity.name,
          e.predicate,
          e.value.text,
          e.source.id,
        ]),
      ))

export const renderReleases = (r: ReleasesAnswer): string =>
  `${cutLabel(r.cut)}; ledger position ${r.ledgerPosition}; ${r.releases.length} releases\n\n` +
  (r.releases.length === 0
    ? '(no releases)\n'
    : table(
        ['date', 'sequence', 'id', 'series', 'title', 'kind'],
        r.releases.map((x) => [x.date, String(x.sequence), x.id, x.series, x.title, x.kind]),
      ))
