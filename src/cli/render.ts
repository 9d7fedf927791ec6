import type {
  AccountAnswer,
  ClaimAnswer,
  CutAnswer,
  DiffAnswer,
  EntityAnswer,
  HistoryAnswer,
  ProvenanceAnswer,
  ReleaseRef,
  ReleasesAnswer,
  SearchAnswer,
  StoryChangeAnswer,
  TimelineAnswer,
} from '../../projections/port/answers'
import type { ReleaseCut, WatchedItem } from '../../projections/port/cut'
import { table, wrap } from './output'

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

/** `said by Obi-Wan Kenobi`, `believed by Laris and Zhaban`: an account's speakers at the cut. */
export const accountLabel = (account: AccountAnswer): string => {
  const names = account.by.map((s) => s.name)
  const last = names.pop()
  const list = names.length === 0 ? (last ?? '') : `${names.join(', ')} and ${last ?? ''}`
  return `${account.as} by ${list}`
}

/** `ends from 4 ABY`, `from late 2399 or early 2400`: a change in the story, in words. */
export const storyLabel = (story: StoryChangeAnswer): string =>
  [
    story.ends ? 'no longer holds' : '',
    story.from === undefined ? '' : `from ${story.from}`,
    story.when === undefined ? '' : `(${story.when})`,
  ]
    .filter((w) => w !== '')
    .join(' ')

const howOf = (c: ClaimAnswer): string => {
  const last = [...c.provenance].reverse().find((p) => p.change !== 'confirmed')
  const how =
    c.revisionKind !== undefined
      ? `revised: ${c.revisionKind}`
      : last?.change === 'changed-in-story'
        ? 'changed in the story'
        : (c.provenance[0]?.change ?? 'asserted')
  return c.account === undefined ? how : `${how}; ${accountLabel(c.account)}`
}

const stepLine = (p: ProvenanceAnswer): string => {
  const what = p.change === 'changed-in-story' ? 'changed in the story' : p.change
  const kind = p.kind === undefined ? '' : `: ${p.kind}`
  const account = p.account === undefined ? '' : `, ${accountLabel(p.account)}`
  return `${p.release.id} (${p.release.tier}) ${what}${kind}${account}`
}

const indented = (label: string, text: string): ReadonlyArray<string> =>
  wrap(`${label}${text}`, 92).map((l, i) => `${i === 0 ? '    ' : '      '}${l}`)

/**
 * What each fact rests on, claim by claim: every release that stated, confirmed, revised or
 * changed it in the story, who in the story said it, the quote and the note; and the fact's
 * phases when it changed in the story.
 */
const renderSources = (a: EntityAnswer): string => {
  const lines = a.facts.flatMap((f) =>
    f.claims.flatMap((c) => [
      `${f.predicate} (${c.claim}): ${c.value.text}`,
      ...(c.story === undefined
        ? []
        : [
            `  in the story: ${c.story.phases
              .map(
                (p) =>
                  `${p.value?.text ?? 'no longer holds'}${p.from === undefined ? '' : ` from ${p.from}`}${p.when === undefined ? '' : ` (${p.when})`}`,
              )
              .join(', then ')}${c.story.holds ? '' : '; it no longer holds'}`,
          ]),
      ...c.provenance.flatMap((p) => [
        `  ${stepLine(p)}`,
        ...(p.quote === undefined ? [] : indented('quote: ', `“${p.quote}”`)),
        ...(p.note === undefined ? [] : indented('note: ', p.note)),
      ]),
    ]),
  )
  return lines.length === 0 ? '' : `\nsources:\n${lines.map((l) => `${l}\n`).join('')}`
}

/** The "what viewers knew" table of one entity at a cut, and what each fact rests on. */
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
      f.status === 'conflict' ? 'CONFLICT' : c.story?.holds === false ? 'ENDED' : '',
      c.value.text,
      `${c.source.id} (${c.tier})`,
      howOf(c),
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
  }${renderSources(a)}`
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
    [c.change, c.story === undefined ? '' : storyLabel(c.story)]
      .concat(c.account === undefined ? [] : [accountLabel(c.account)])
      .filter((w) => w !== '')
      .join('; '),
    c.entity.name,
    c.predicate ?? '',
    c.before === undefined ? '' : c.before.text,
    c.story?.ends === true ? '' : (c.after?.text ?? c.other?.name ?? c.name ?? ''),
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
    [
      e.withdrawn
        ? `${e.change} (withdrawn)`
        : e.kind === undefined
          ? e.change
          : `${e.change}: ${e.kind}`,
      e.story === undefined ? '' : storyLabel(e.story),
      e.account === undefined ? '' : accountLabel(e.account),
    ]
      .filter((w) => w !== '')
      .join('; '),
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
          e.story === undefined
            ? e.anchor
            : `${e.story === 'ends' ? 'ends' : 'becomes'}${e.when === undefined ? '' : ` (${e.when})`}`,
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
