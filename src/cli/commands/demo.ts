import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import type { AppendReport } from '../../app/appendFiles'
import { appendFiles } from '../../app/appendFiles'
import type { AppError } from '../../app/errors'
import type { LedgerDeps } from '../../app/ledger'
import { openReader } from '../../app/reads'
import type {
  ClaimAnswer,
  DiffAnswer,
  EntityAnswer,
  FactAnswer,
  ReleaseAnswer,
} from '../../../projections/port/answers'
import type { CanonReader } from '../../../projections/port/reader'
import type { ReadError } from '../../../projections/port/errors'
import { notFound } from '../../../projections/port/errors'
import { pageLimits } from '../../../projections/port/page'
import type { CanonPolicy } from '../../domain/canonPolicy'
import { allSources, formatCanonPolicy } from '../../domain/canonPolicy'
import { IsoDate } from '../../domain/calendarDate'
import { releaseId } from '../../domain/ids'
import { asOfDate, asOfRelease, latest } from '../../../projections/port/cut'
import type { CliContext, GlobalFlags } from '../context'
import { parsePolicy } from '../cutOptions'
import type { Failure, Rendered } from '../runner'
import { readFiles, reportFailure, withWritableLedger } from '../runner'
import { table } from '../output'
import { accountLabel, atLine, releaseLabel, renderDiff } from '../render'

/**
 * The worked example of the design: the Mars Attack just before the Prodigy S2 finale (as of
 * S2E19, released the same day) and after it (as of the finale's day, which also admits the
 * seed article dated that day, when the policy admits the article tier).
 */
const entity = 'event/mars-attack'
const picks = [
  { label: 'Prodigy S2E19', series: /prodigy/i, season: 2, episode: 19 },
  { label: 'Prodigy S2E20', series: /prodigy/i, season: 2, episode: 20 },
] as const

const listYaml = (ctx: CliContext, dir: string): TE.TaskEither<AppError, ReadonlyArray<string>> =>
  TE.tryCatch(
    async () => {
      if (ctx.io.listDir === undefined) throw new Error('this shell cannot list folders')
      const names = (await ctx.io.listDir(dir)).filter((n) => n.endsWith('.yaml')).sort()
      if (names.length === 0) throw new Error('no *.yaml files in it')
      return names.map((n) => `${dir}/${n}`)
    },
    (e): AppError => ({
      _tag: 'InvalidInput',
      source: dir,
      problems: [
        `the bundled ledger cannot be loaded: ${e instanceof Error ? e.message : String(e)}`,
      ],
    }),
  )

const findRelease = (
  all: ReadonlyArray<ReleaseAnswer>,
  pick: (typeof picks)[number],
): E.Either<AppError, ReleaseAnswer> => {
  const found = all.find(
    (r) => pick.series.test(r.series) && r.season === pick.season && r.episode === pick.episode,
  )
  return found === undefined
    ? E.left(notFound('release', `the release ${pick.label} in the ledger`))
    : E.right(found)
}

/** Every release of the ledger, page after page. */
const allReleases = (reader: CanonReader): E.Either<ReadError, ReadonlyArray<ReleaseAnswer>> => {
  const all: ReleaseAnswer[] = []
  let cursor: string | null | undefined
  while (cursor !== null) {
    const page = reader.releases({
      at: { release: latest, policy: allSources },
      page: { limit: pageLimits.max, ...(cursor === undefined ? {} : { cursor }) },
    })
    if (E.isLeft(page)) return page
    all.push(...page.right.releases)
    cursor = page.right.page.next
  }
  return E.right(all)
}

const valuesOf = (f: FactAnswer | undefined): string =>
  f === undefined ? '' : f.claims.map((c) => c.value.text).join(' | ')

const sourceOf = (c: ClaimAnswer): string => `${c.source.id} (${c.tier})`

const howOf = (f: FactAnswer, c: ClaimAnswer): string =>
  [
    ...(f.status === 'conflict' ? ['CONFLICT'] : []),
    ...(c.revisionKind === undefined ? [] : [`revised: ${c.revisionKind}`]),
    ...(c.story === undefined ? [] : ['changed in the story']),
    ...(c.account === undefined ? [] : [accountLabel(c.account)]),
  ].join(', ')

/** The later view, each fact marked against the earlier one: NEW, CHANGED, or unmarked. */
const renderMarked = (before: EntityAnswer, after: EntityAnswer): string => {
  const earlier = new Map(before.facts.map((f) => [f.predicate, f]))
  const rows = after.facts.flatMap((f) => {
    const old = earlier.get(f.predicate)
    const mark = old === undefined ? 'NEW' : valuesOf(old) !== valuesOf(f) ? 'CHANGED' : ''
    return f.claims.map((c, i) => [
      i === 0 ? mark : '',
      i === 0 ? f.predicate : '',
      c.value.text,
      sourceOf(c),
      howOf(f, c),
    ])
  })
  const later = new Set(after.facts.map((f) => f.predicate))
  const gone = before.facts.filter((f) => !later.has(f.predicate))
  return (
    `${after.entity.name} (${after.entity.id})\n${atLine(after.at)}\n` +
    table(['mark', 'fact', 'value', 'source', 'how'], rows) +
    gone.map((f) => `no longer held: ${f.predicate} (${valuesOf(f)})\n`).join('')
  )
}

const renderBefore = (a: EntityAnswer): string =>
  `${a.entity.name} (${a.entity.id})\n${atLine(a.at)}\n` +
  table(
    ['fact', 'value', 'source', 'how'],
    a.facts.flatMap((f) =>
      f.claims.map((c, i) => [i === 0 ? f.predicate : '', c.value.text, sourceOf(c), howOf(f, c)]),
    ),
  )

interface DemoAnswer {
  readonly store: string
  readonly policy: CanonPolicy
  readonly loaded: AppendReport
  readonly before: EntityAnswer
  readonly after: EntityAnswer
  readonly changes: DiffAnswer
}

const render = (d: DemoAnswer, first: ReleaseAnswer, second: ReleaseAnswer): Rendered => {
  const appended = d.loaded.files.reduce((n, f) => n + f.appended, 0)
  const unchanged = d.loaded.files.reduce((n, f) => n + f.unchanged, 0)
  return {
    json: {
      store: d.store,
      canon: formatCanonPolicy(d.policy),
      loaded: {
        appended,
        unchanged,
        files: d.loaded.files,
      },
      before: d.before,
      after: d.after,
      changes: d.changes,
    },
    text:
      `canon demo: what viewers knew about the Mars Attack, before and after the Prodigy S2 finale (canon: ${formatCanonPolicy(d.policy)})\n` +
      `store ${d.store}: ${appended} entries appended, ${unchanged} already recorded, from ${d.loaded.files.length} bundled files\n\n` +
      `== before the finale: as of ${releaseLabel(first)} ==\n${renderBefore(d.before)}\n` +
      `== after it: as of ${second.date}, the day of ${releaseLabel(second)} (NEW and CHANGED against the first) ==\n${renderMarked(d.before, d.after)}\n` +
      `== what changed in between ==\n${renderDiff(d.changes, true)}` +
      (d.policy.admits.has('article')
        ? ''
        : '\nOn-screen canon only: the seed article’s own claims (20,000 starships destroyed, all exploration ceased) are at the article tier; run `canon demo --canon all` to admit them.\n'),
  }
}

/** The steps in order; the first refusal ends the demo with its message. */
const demo =
  (
    ctx: CliContext,
    deps: LedgerDeps,
    store: string,
    policy: CanonPolicy,
  ): TE.TaskEither<Failure, Rendered> =>
  async () => {
    const paths = await listYaml(ctx, ctx.wiring.bundledLedgerDir)()
    if (E.isLeft(paths)) return paths
    const files = await readFiles(ctx, paths.right)()
    if (E.isLeft(files)) return files
    const loaded = await appendFiles(deps, files.right)()
    if (E.isLeft(loaded)) return loaded
    const reader = await openReader(deps)()
    if (E.isLeft(reader)) return reader
    const catalog = allReleases(reader.right)
    if (E.isLeft(catalog)) return catalog
    const first = findRelease(catalog.right, picks[0])
    if (E.isLeft(first)) return first
    const second = findRelease(catalog.right, picks[1])
    if (E.isLeft(second)) return second
    if (!IsoDate.is(second.right.date))
      return E.left({
        _tag: 'InvalidInput',
        source: ctx.wiring.bundledLedgerDir,
        problems: [`release '${second.right.id}' has no valid date`],
      })
    const [from, to] = [asOfRelease(releaseId(first.right.id)), asOfDate(second.right.date)]
    const before = reader.right.entity({ entity, at: { release: from, policy } })
    if (E.isLeft(before)) return before
    const after = reader.right.entity({ entity, at: { release: to, policy } })
    if (E.isLeft(after)) return after
    // The whole diff of one entity between two cuts a day apart: one page of the largest size.
    const changes = reader.right.diff({
      from,
      to,
      entity,
      policy,
      page: { limit: pageLimits.max },
    })
    if (E.isLeft(changes)) return changes
    return E.right(
      render(
        {
          store,
          policy,
          loaded: loaded.right,
          before: before.right,
          after: after.right,
          changes: changes.right,
        },
        first.right,
        second.right,
      ),
    )
  }

export const registerDemo = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('demo')
    .summary('load the bundled Star Trek ledger and show the Mars Attack before and after')
    .description(
      'Open the store (./canon-ledger.sqlite unless --store says otherwise), append the bundled ' +
        'ledger files (ledgers/star-trek/*.yaml; already recorded entries are left as they are), ' +
        'and print what viewers knew about the Mars Attack (event/mars-attack) just before the ' +
        'Prodigy S2 finale (as of S2E19) and after it (as of its day, 2024-07-01), marking what ' +
        'changed between them. On-screen canon unless --canon says otherwise: the seed article’s ' +
        'own claims (20,000 starships, all exploration ceased) appear only under --canon all.',
    )
    .option('--canon <policy>', 'which sources count: on-screen (default), all, or tiers')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExample:\n  $ canon demo\n  $ canon demo --canon all\n  $ canon demo --store memory --json\n',
    )
    .action(async (opts: { json?: boolean; canon?: string }, command: Command) => {
      // A bad --canon is refused before the store is opened, so it creates nothing.
      const policy = parsePolicy(opts.canon)
      done(
        E.isLeft(policy)
          ? reportFailure(ctx, policy.left)
          : await withWritableLedger(
              ctx,
              command.optsWithGlobals<GlobalFlags>(),
              opts.json === true,
              (ledger) => demo(ctx, ledger.deps, ledger.storeName, policy.right),
            ),
      )
    })
}
