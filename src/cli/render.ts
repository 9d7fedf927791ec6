import type {
  CutAnswer,
  DiffAnswer,
  EntityAnswer,
  HistoryAnswer,
  ReleaseRef,
  ReleasesAnswer,
  SearchAnswer,
  TimelineAnswer,
} from '../../projections/port/answers'
import type { ReleaseCut, WatchedItem } from '../../projections/port/cut'
import { table } from './output'

export const releaseLabel = (r: ReleaseRef): string =>
  `${r.id} "${r.title}" (${r.series}${
    r.season !== undefined && r.episode !== undefined ? ` S${r.season}E${r.episode}` : ''
  }, ${r.date})`

const watchedLabel = (item: WatchedItem): string =>
  item._tag === 'Release' ? item.release : `${item.from ?? ''}..${item.to}`

export const cutLabel = (cut: ReleaseCut): string => {
  switch (cut._tag) {
    case 'Latest':
      return 'latest'
    case 'AsOfRelease':
      return `as of ${cut.release}`
    case 'AsOfDate':
      return `as of ${cut.date}${cut.region === undefined ? '' : ` in ${cut.region}`}`
    case 'Watched':
      return `after watching ${cut.items.map(watchedLabel).join(', ')}`
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
    `first seen in: ${releaseLabel(e.introducedBy)}\n` +
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

export const renderSearch = (a: SearchAnswer): string =>
  atLine(a.at) +
  '\n' +
  (a.hits.length === 0
    ? `(nothing matches '${a.query}' at this cut)\n`
    : table(
        ['id', 'name', 'matched', 'by', 'rank'],
        a.hits.map((h) => [h.id, h.name, h.matched, h.by, h.rank]),
      ))

/**
 * The paged reads render a page at a time: `first` says whether this is the answer's first
 * page (which carries the heading); later pages add their rows only.
 */
export const renderDiff = (d: DiffAnswer, first: boolean): string => {
  const rows = d.changes.map((c) => [
    c.release.id,
    c.change,
    c.entity.name,
    c.predicate ?? '',
    c.before === undefined ? '' : c.before.text,
    c.after?.text ?? c.other?.name ?? c.name ?? '',
  ])
  const head = first
    ? `from: ${atLine(d.from)}to:   ${atLine(d.to)}` +
      (d.entity === null ? '' : `entity: ${d.entity.name} (${d.entity.id})\n`) +
      `${d.releasesBetween} releases in between\n\n`
    : ''
  return (
    head +
    (rows.length === 0
      ? first
        ? '(no changes)\n'
        : ''
      : table(['release', 'change', 'entity', 'fact', 'before', 'after'], rows))
  )
}

export const renderHistory = (h: HistoryAnswer, first: boolean): string => {
  const rows = h.entries.map((e) => [
    e.release.date,
    e.release.id,
    e.withdrawn
      ? `${e.change} (withdrawn)`
      : e.kind === undefined
        ? e.change
        : `${e.change}: ${e.kind}`,
    e.entity.name,
    e.predicate ?? '',
    e.oldValue?.text ?? '',
    e.newValue?.text ?? e.other?.name ?? e.name ?? '',
    e.position,
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
  const subject =
    h.entity === null
      ? 'everything'
      : `${h.entity.name} (${h.entity.id})${h.predicate === null ? '' : `, ${h.predicate}`}`
  const head = first
    ? `history of ${subject}${h.claim === null ? '' : `, claim ${h.claim}`}${h.changes === null ? '' : ` (only ${h.changes.join(', ')})`}\n${atLine(h.at)}\n`
    : ''
  return (
    head +
    (rows.length === 0
      ? first
        ? '(no changes)\n'
        : ''
      : table(['date', 'release', 'change', 'entity', 'fact', 'old', 'new', 'position'], rows)) +
    (corrections.length === 0
      ? ''
      : `\neditorial corrections:\n${table(['correction', 'what', 'entry', 'fields', 'position', 'reason'], corrections)}`)
  )
}

export const renderTimeline = (t: TimelineAnswer, first: boolean): string =>
  (first ? `${atLine(t.at)}\n` : '') +
  (t.entries.length === 0
    ? first
      ? '(nothing dated in-universe at this cut)\n'
      : ''
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

export const renderReleases = (r: ReleasesAnswer, first: boolean): string =>
  (first
    ? `${atLine(r.at)}${r.total} releases${r.series === null ? '' : ` of ${r.series}`}\n\n`
    : '') +
  (r.releases.length === 0
    ? first
      ? '(no releases)\n'
      : ''
    : table(
        ['date', 'sequence', 'id', 'series', 'title', 'kind'],
        r.releases.map((x) => [x.date, String(x.sequence), x.id, x.series, x.title, x.kind]),
      ))
