import * as E from 'fp-ts/Either'
import { beforeAll, describe, expect, it } from 'vitest'
import { allSources, onScreenOnly, parseCanonPolicy } from '../../src/domain/canonPolicy'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { isoDate } from '../../src/domain/calendarDate'
import { releaseId } from '../../src/domain/ids'
import type { LedgerDeps } from '../../src/app/ledger'
import type { AppError } from '../../src/app/errors'
import { describeAppError } from '../../src/app/errors'
import { tierOf } from '../../src/domain/release'
import { decodeAuthoring } from '../../src/app/authoring/decodeAuthoring'
import { openReader } from '../../src/app/reads'
import type { CanonReader } from '../../projections/port/reader'
import type { EntityAnswer, FactAnswer, ReleasesAnswer } from '../../projections/port/answers'
import { asOfDate, asOfRelease, latest, watched } from '../../projections/port/cut'
import type { Cut, ReleaseCut } from '../../projections/port/cut'
import {
  arcFiles,
  givenBundledArc,
  importBundledCatalog,
  importModernCatalog,
} from '../support/bundledLedger'
import { answer } from '../support/storeContents'

/**
 * The Mars Attack arc on the REAL bundled ledger (ledgers/star-trek/*.yaml, appended through the
 * same use case as `canon append`), with both release catalogs imported too, pinned to its
 * sources: data/mars-attack-sources.md (what each release first showed or said) and
 * data/star-trek-episodes-2017-2024.csv (when it was released).
 */
const at = (release: string): ReleaseCut => asOfRelease(releaseId(release))
const onDay = (date: string): ReleaseCut => asOfDate(isoDate(date))
const article = 'article-picard-mars-attack-worse'
const articleTier = parseCanonPolicy('article') as CanonPolicy
const interviewTier = parseCanonPolicy('interview') as CanonPolicy

/** One page holds any answer of this small ledger. */
const all = { limit: 1000 } as const

const readerOn = async (deps: LedgerDeps): Promise<CanonReader> => answer(await openReader(deps)())

/** Every release at a cut, page after page (the catalogs make more than a page). */
const releasesOf = async (
  deps: LedgerDeps,
  cut: Cut = { release: latest, policy: allSources },
): Promise<ReleasesAnswer> => {
  const reader = await readerOn(deps)
  const first = answer(reader.releases({ at: cut, page: all }))
  const rest: ReleasesAnswer['releases'][number][] = []
  for (let next = first.page.next; next !== null;) {
    const page = answer(reader.releases({ at: cut, page: { ...all, cursor: next } }))
    rest.push(...page.releases)
    next = page.page.next
  }
  return { ...first, releases: [...first.releases, ...rest] }
}

const factsOf = (a: EntityAnswer): Record<string, FactAnswer> =>
  Object.fromEntries(a.facts.map((f) => [f.predicate, f]))

const whenAsked = async (
  deps: LedgerDeps,
  entity: string,
  cut: ReleaseCut,
  policy: CanonPolicy = onScreenOnly,
): Promise<EntityAnswer> =>
  answer((await readerOn(deps)).entity({ entity, at: { release: cut, policy } }))

const notFoundAt = async (
  deps: LedgerDeps,
  entity: string,
  cut: ReleaseCut,
  policy: CanonPolicy = onScreenOnly,
): Promise<string | false> => {
  const r = (await readerOn(deps)).entity({ entity, at: { release: cut, policy } })
  return E.isLeft(r) && r.left._tag
}

const marsAt = async (deps: LedgerDeps, cut: ReleaseCut, policy: CanonPolicy = onScreenOnly) =>
  factsOf(await whenAsked(deps, 'event/mars-attack', cut, policy))

const textOf = (f: FactAnswer | undefined): ReadonlyArray<string> =>
  f?.claims.map((c) => c.value.text) ?? []

/** What the arc's files say, read from the files themselves. */
const arcContent = () => {
  const entities = new Set<string>()
  const releases: string[] = []
  const firstSaid = new Map<string, string>()
  /** Each change that is a character's account, and each change in the story, by release. */
  const accounts: string[] = []
  const storyChanges: string[] = []
  for (const file of arcFiles()) {
    const decoded = decodeAuthoring(file)
    if (E.isLeft(decoded)) throw new Error(describeAppError(decoded.left))
    for (const command of decoded.right.releases) {
      releases.push(command.release.id)
      for (const change of command.changes) {
        if (change._tag === 'Asserted') firstSaid.set(change.claim, command.release.id)
        if ('account' in change && change.account !== undefined)
          accounts.push(
            `${command.release.id} ${change._tag} ${change.claim}: ${change.account.as} by ${change.account.by.join(', ')}`,
          )
        if (change._tag === 'StoryChanged')
          storyChanges.push(
            `${command.release.id} ${change.claim}: ${change.value === undefined ? 'ends' : 'becomes'}`,
          )
      }
      if (tierOf(command.release.kind) !== 'on-screen') continue
      for (const change of command.changes)
        if (change._tag === 'Introduced') entities.add(change.entity)
    }
  }
  return { entities: [...entities], releases, firstSaid, accounts, storyChanges }
}

describe('given the bundled Star Trek ledger (the Mars Attack arc and both release catalogs)', () => {
  let deps: LedgerDeps
  beforeAll(async () => {
    deps = await givenBundledArc()
    await importBundledCatalog(deps)
    await importModernCatalog(deps)
  })

  describe('when asking where each claim of the arc was first said', () => {
    it('then it is the release data/mars-attack-sources.md names, and the tier of that release', () => {
      const { firstSaid } = arcContent()
      expect(Object.fromEntries(firstSaid)).toEqual({
        // Children of Mars: news coverage on First Contact Day, "over 3,000" (items 1 and 7).
        'mars-attack.target': 'st-children-of-mars',
        'mars-attack.occasion': 'st-children-of-mars',
        'mars-attack.perpetrator': 'st-children-of-mars',
        'mars-attack.casualties': 'st-children-of-mars',
        // Remembrance: the shipyard and the armada destroyed, the ban (1, 2, 3, 9).
        'mars-attack.destroyed': 'pic-s1e01',
        'mars-attack.aftermath': 'pic-s1e01',
        'rescue-armada.size': 'pic-s1e01',
        'rescue-armada.built-for': 'pic-s1e01',
        'romulan-rescue.purpose': 'pic-s1e01',
        'romulan-rescue.led-by': 'pic-s1e01',
        'romulan-rescue.ended-by': 'pic-s1e01',
        'jean-luc-picard.resigned-from': 'pic-s1e01',
        'jean-luc-picard.resignation-reason': 'pic-s1e01',
        'synth-ban.imposed-by': 'pic-s1e01',
        'synth-ban.cause': 'pic-s1e01',
        'synth-ban.status': 'pic-s1e01',
        'synth-ban.scope': 'pic-s1e01',
        // Maps and Legends: 2385, F8 and the A500s; Oh, "Lt. Rizzo", the Zhat Vash (1, 4, 5, 6).
        'mars-attack.date': 'pic-s1e02',
        'rogue-synths.model': 'pic-s1e02',
        'rogue-synths.workplace': 'pic-s1e02',
        'f8.member-of': 'pic-s1e02',
        'commodore-oh.position': 'pic-s1e02',
        'commodore-oh.affiliation': 'pic-s1e02',
        'lieutenant-rizzo.affiliation': 'pic-s1e02',
        'lieutenant-rizzo.takes-orders-from': 'pic-s1e02',
        'zhat-vash.described-as': 'pic-s1e02',
        'zhat-vash.hates': 'pic-s1e02',
        // The End Is the Beginning: the official cause, the ban announced (1, 3).
        'mars-attack.official-cause': 'pic-s1e03',
        'synth-ban.terms': 'pic-s1e03',
        // Broken Pieces: the Zhat Vash behind it, Oh's heritage and her part (4, 5).
        'mars-attack.instrument': 'pic-s1e08',
        'mars-attack.orchestrator': 'pic-s1e08',
        'commodore-oh.species': 'pic-s1e08',
        'commodore-oh.member-of': 'pic-s1e08',
        'narissa.member-of': 'pic-s1e08',
        // Et in Arcadia Ego, Part 2: "General" (5); the ban lifted is a change in the story (3).
        'commodore-oh.addressed-as': 'pic-s1e10',
        // Secondary sources, each at its own tier (5, 7, 8, 9).
        'mars-attack.exact-casualties.star-trek-guide': 'article-star-trek-guide-mars-attack-tng',
        'commodore-oh.mother': 'interview-chabon-oh-mother',
        'mars-attack.starships-destroyed': article,
        'mars-attack.aftermath.article': article,
        'synth-ban.duration': article,
        'zhat-vash.part-of': article,
        'commodore-oh.posed-as': article,
        'mars-attack.exact-casualties.memory-beta': 'article-memory-beta-attack-on-mars',
      })
    })

    it('then the characters’ accounts are marked with their speakers, and the changes in the story as such', () => {
      const { accounts, storyChanges } = arcContent()
      expect(accounts).toEqual([
        // The official "rogue synthetics" account, which Broken Pieces overturns (item 1).
        'pic-s1e01 Confirmed mars-attack.perpetrator: believed by org/federation',
        // Laris and Zhaban name the Zhat Vash (item 4).
        'pic-s1e02 Asserted zhat-vash.described-as: said by person/laris, person/zhaban',
        'pic-s1e02 Asserted zhat-vash.hates: said by person/laris, person/zhaban',
        // Picard on the day, "Mars is burning. Tens of thousands are dead." (item 7).
        'pic-s1e03 Confirmed mars-attack.casualties: said by person/jean-luc-picard',
        // The official cause, which Raffi disputes (item 1).
        'pic-s1e03 Asserted mars-attack.official-cause: said by org/federation',
        // Oh's own words: "On the world the Humans call Mars" (item 4).
        'pic-s1e08 Asserted mars-attack.orchestrator: said by person/commodore-oh',
        // Riker calls her "General" (item 5).
        'pic-s1e10 Asserted commodore-oh.addressed-as: said by person/william-riker',
      ])
      expect(storyChanges).toEqual([
        // The first reports' over 3,000 (Children of Mars) corrected to over 92,000 (item 7).
        'pic-s1e01 mars-attack.casualties: becomes',
        // The ban on synthetics lifted (item 3).
        'pic-s1e10 synth-ban.status: becomes',
      ])
    })

    it('then every release of the arc carries the dates the data files give', async () => {
      const all = await releasesOf(deps)
      const byId = new Map(all.releases.map((r) => [r.id, r]))
      const dates = (id: string) => {
        const r = byId.get(id)
        return [r?.date, r?.tier, ...(r?.regionalDates ?? []).map((d) => `${d.region} ${d.date}`)]
      }
      expect(dates('st-children-of-mars')).toEqual(['2020-01-09', 'on-screen'])
      expect(dates('pic-s1e01')).toEqual(['2020-01-23', 'on-screen', 'International 2020-01-24'])
      expect(dates('pic-s1e02')).toEqual(['2020-01-30', 'on-screen', 'International 2020-01-31'])
      expect(dates('pic-s1e03')).toEqual(['2020-02-06', 'on-screen', 'International 2020-02-07'])
      expect(dates('pic-s1e08')).toEqual(['2020-03-12', 'on-screen', 'International 2020-03-13'])
      expect(dates('pic-s1e10')).toEqual(['2020-03-26', 'on-screen', 'International 2020-03-27'])
      expect(dates('pro-s2e19')).toEqual(['2024-07-01', 'on-screen', 'France 2024-03-22'])
      expect(dates('pro-s2e20')).toEqual(['2024-07-01', 'on-screen', 'France 2024-03-22'])
      expect(dates(article)).toEqual(['2024-07-01', 'article'])
      expect(dates('article-star-trek-guide-mars-attack-tng')).toEqual(['2020-01-30', 'article'])
      expect(dates('interview-chabon-oh-mother')).toEqual(['2020-04-01', 'interview'])
      expect(dates('interview-tomita-ndar')).toEqual(['2026-12-07', 'interview'])
      expect(dates('article-memory-beta-attack-on-mars')).toEqual(['2026-12-07', 'article'])
      expect(byId.get(article)).toMatchObject({ kind: 'article', series: 'Screen Rant' })
    })
  })

  describe('when asking for the Mars Attack as of the short', () => {
    it('then synths attacked Mars on First Contact Day and the first news reports say over 3,000 dead', async () => {
      const a = await whenAsked(deps, 'Mars Attack', at('st-children-of-mars'))
      const facts = factsOf(a)
      expect(textOf(facts['target'])).toEqual(['Mars'])
      expect(textOf(facts['occasion'])).toEqual(['First Contact Day'])
      expect(textOf(facts['perpetrator'])).toEqual(['rogue synths'])
      expect(facts['casualties']?.claims[0]?.value.value).toEqual({
        _tag: 'Quantity',
        amount: 3000,
        qualifier: 'at-least',
        unit: 'lives',
      })
      expect(facts['casualties']?.claims[0]?.story).toBeUndefined()
      expect(facts['date']).toBeUndefined()
      expect(a.at.lastRelease?.title).toBe('Children of Mars')
    })
  })

  describe('when asking for the Mars Attack as of Picard S1E1', () => {
    it('then over 92,000 died, rogue synthetics destroyed the shipyard and the armada, and the year is not yet given', async () => {
      const facts = await marsAt(deps, at('pic-s1e01'))
      const casualties = facts['casualties']?.claims[0]
      expect(casualties?.value.value).toEqual({
        _tag: 'Quantity',
        amount: 92000,
        qualifier: 'at-least',
        unit: 'lives',
      })
      // The first reports' estimate, corrected inside the story: a change in it, not a retcon.
      expect(casualties?.revisionKind).toBeUndefined()
      expect(casualties?.story?.phases.map((p) => [p.value?.text, p.release.id])).toEqual([
        ['over 3,000 lives', 'st-children-of-mars'],
        ['over 92,000 lives', 'pic-s1e01'],
      ])
      expect(facts['first-reported-casualties']).toBeUndefined()
      expect(textOf(facts['destroyed'])).toEqual(['Utopia Planitia shipyards; the rescue armada'])
      const perpetrator = facts['perpetrator']?.claims[0]
      expect(perpetrator?.value.text).toBe('rogue synths')
      expect(perpetrator?.provenance.map((p) => [p.release.id, p.change])).toEqual([
        ['st-children-of-mars', 'asserted'],
        ['pic-s1e01', 'confirmed'],
      ])
      expect(perpetrator?.provenance[1]?.quote).toMatch(/rogue synthetics dropped the planetary/)
      expect(perpetrator?.provenance[1]?.account).toEqual({
        as: 'believed',
        by: [{ id: 'org/federation', name: 'United Federation of Planets' }],
      })
      expect(facts['date']).toBeUndefined()
      expect(facts['orchestrator']).toBeUndefined()
    })

    it('then Commodore Oh is not known, by name or id, and Narek is', async () => {
      expect(await notFoundAt(deps, 'Commodore Oh', at('pic-s1e01'))).toBe('NotFound')
      expect(await notFoundAt(deps, 'person/commodore-oh', at('pic-s1e01'))).toBe('NotFound')
      expect(await notFoundAt(deps, 'Zhat Vash', at('pic-s1e01'))).toBe('NotFound')
      const narek = await whenAsked(deps, 'Narek', at('pic-s1e01'))
      expect(narek.entity.introducedBy.id).toBe('pic-s1e01')
      const armada = factsOf(await whenAsked(deps, 'the rescue armada', at('pic-s1e01')))
      expect(textOf(armada['size'])).toEqual(['10,000 warp-capable ferries'])
    })
  })

  describe('when asking as of Picard S1E2', () => {
    it('then Oh is known, as a Starfleet officer, head of Starfleet Security, her heritage not yet', async () => {
      const oh = await whenAsked(deps, 'Commodore Oh', at('pic-s1e02'))
      expect(oh.entity.introducedBy.id).toBe('pic-s1e02')
      const facts = factsOf(oh)
      expect(textOf(facts['affiliation'])).toEqual(['Starfleet'])
      expect(textOf(facts['position'])).toEqual(['head of Starfleet Security'])
      expect(facts['species']).toBeUndefined()
      expect(facts['member-of']).toBeUndefined()
    })

    it('then Narissa is known only as Lieutenant Rizzo, taking Oh’s orders, and the Zhat Vash are named', async () => {
      const rizzo = await whenAsked(deps, 'Lt. Rizzo', at('pic-s1e02'))
      expect(rizzo.entity.name).toBe('Lieutenant Rizzo')
      expect(textOf(factsOf(rizzo)['takes-orders-from'])).toEqual(['Commodore Oh'])
      expect(await notFoundAt(deps, 'Narissa', at('pic-s1e02'))).toBe('NotFound')
      const zhatVash = factsOf(await whenAsked(deps, 'Zhat Vash', at('pic-s1e02')))
      expect(textOf(zhatVash['described-as'])).toEqual(['a cabal more secret than the Tal Shiar'])
      expect(zhatVash['hates']?.claims[0]?.account).toEqual({
        as: 'said',
        by: [
          { id: 'person/laris', name: 'Laris' },
          { id: 'person/zhaban', name: 'Zhaban' },
        ],
      })
    })

    it('then the attack is dated 2385, the rogue synths are A500s at Utopia Planitia, and still the perpetrator', async () => {
      const facts = await marsAt(deps, at('pic-s1e02'))
      expect(textOf(facts['date'])).toEqual(['2385'])
      expect(textOf(facts['perpetrator'])).toEqual(['rogue synths'])
      const synths = factsOf(await whenAsked(deps, 'F8', at('pic-s1e02')))
      expect(textOf(synths['member-of'])).toEqual(['rogue synths'])
      const group = factsOf(await whenAsked(deps, 'rogue synths', at('pic-s1e02')))
      expect(textOf(group['model'])).toEqual(['A500'])
      expect(textOf(group['workplace'])).toEqual(['Utopia Planitia shipyards'])
    })
  })

  describe('when asking who was behind the attack, across Picard season 1', () => {
    it('then as of S1E7 the synths are still to blame, and S1E3 gives the official cause', async () => {
      const facts = await marsAt(deps, onDay('2020-03-05'))
      expect(textOf(facts['perpetrator'])).toEqual(['rogue synths'])
      expect(textOf(facts['official-cause'])).toEqual([
        'a fatal code error in the A500 operating system',
      ])
      expect(facts['official-cause']?.claims[0]?.account?.by[0]?.name).toBe(
        'United Federation of Planets',
      )
      const picard = facts['casualties']?.claims[0]?.provenance.find(
        (p) => p.release.id === 'pic-s1e03',
      )
      expect([picard?.change, picard?.quote, picard?.account?.by[0]?.name]).toEqual([
        'confirmed',
        'Mars is burning. Tens of thousands are dead.',
        'Jean-Luc Picard',
      ])
      expect(facts['orchestrator']).toBeUndefined()
    })

    it('then as of S1E8 the Zhat Vash are revealed behind it, Oh its orchestrator, the synths its instrument', async () => {
      const facts = await marsAt(deps, at('pic-s1e08'))
      const perpetrator = facts['perpetrator']?.claims[0]
      expect(perpetrator?.value.text).toBe('Zhat Vash')
      expect(perpetrator?.revisionKind).toBe('revelation')
      expect(perpetrator?.source.id).toBe('pic-s1e08')
      const orchestrator = facts['orchestrator']?.claims[0]
      expect(orchestrator?.value.value).toMatchObject({
        _tag: 'EntityRef',
        entity: 'person/commodore-oh',
      })
      expect(orchestrator?.provenance[0]?.quote).toBe('On the world the Humans call Mars')
      expect(orchestrator?.account?.by).toEqual([
        { id: 'person/commodore-oh', name: 'Commodore Oh' },
      ])
      expect(textOf(facts['instrument'])).toEqual(['rogue synths'])
    })

    it('then as of S1E8 Oh is half-Vulcan, half-Romulan and of the Zhat Vash, and Lieutenant Rizzo is Narissa', async () => {
      const oh = factsOf(await whenAsked(deps, 'Oh', at('pic-s1e08')))
      expect(textOf(oh['species'])).toEqual(['half-Vulcan, half-Romulan'])
      expect(oh['species']?.claims[0]?.source.id).toBe('pic-s1e08')
      expect(textOf(oh['member-of'])).toEqual(['Zhat Vash'])
      const narissa = await whenAsked(deps, 'Lieutenant Rizzo', at('pic-s1e08'))
      expect(narissa.entity).toMatchObject({ id: 'person/narissa', name: 'Narissa' })
      expect(narissa.entity.aliases).toContain('Lieutenant Rizzo')
      expect(textOf(factsOf(narissa)['member-of'])).toEqual(['Zhat Vash'])
    })

    it('then the history of the perpetrator lists the assertion, the confirmation and the revelation', async () => {
      const h = answer(
        (await readerOn(deps)).history({
          entity: 'event/mars-attack',
          predicate: 'perpetrator',
          at: { release: latest, policy: onScreenOnly },
          page: all,
        }),
      )
      expect(h.entries.map((e) => [e.release.id, e.change, e.kind ?? ''])).toEqual([
        ['st-children-of-mars', 'asserted', ''],
        ['pic-s1e01', 'confirmed', ''],
        ['pic-s1e08', 'revised', 'revelation'],
      ])
      expect(h.entries[2]?.oldValue?.text).toBe('rogue synths')
      expect(h.entries[2]?.newValue?.text).toBe('Zhat Vash')
    })

    it('then the ban on synthetics is in force from 2385 until S1E10 lifts it, a change in the story', async () => {
      const before = factsOf(await whenAsked(deps, 'the ban on synthetics', at('pic-s1e08')))
      expect(textOf(before['status'])).toEqual(['in force'])
      expect(before['status']?.claims[0]?.valid?.from).toBe('2385')
      expect(textOf(before['terms'])).toHaveLength(1)
      const after = factsOf(await whenAsked(deps, 'the ban on synthetics', at('pic-s1e10')))
      const status = after['status']?.claims[0]
      expect(status?.value.text).toBe('lifted')
      expect(status?.revisionKind).toBeUndefined()
      expect(status?.story?.phases.map((p) => [p.value?.text, p.from, p.when])).toEqual([
        ['in force', '2385', 'announced in the 2385 flashback, effective immediately'],
        [
          'lifted',
          undefined,
          'late 2399 or early 2400, fourteen years after it was imposed (Memory Alpha, Ban on synthetics)',
        ],
      ])
      expect(after['duration']).toBeUndefined()
      const diff = answer(
        (await readerOn(deps)).diff({
          from: at('pic-s1e08'),
          to: at('pic-s1e10'),
          policy: onScreenOnly,
          entity: 'the ban on synthetics',
          page: all,
        }),
      )
      expect(diff.changes.map((c) => c.change)).toEqual(['changed-in-story'])
    })

    it('then Riker’s words call Oh “General” as of S1E10', async () => {
      const oh = factsOf(await whenAsked(deps, 'Commodore Oh', at('pic-s1e10')))
      expect(oh['addressed-as']?.claims[0]?.account).toEqual({
        as: 'said',
        by: [{ id: 'person/william-riker', name: 'William Riker' }],
      })
    })
  })

  describe('when asking for the Mars Attack around the Prodigy S2 finale', () => {
    it('then S2E19, released the same day, does not show the aftermath the finale adds', async () => {
      const before = await marsAt(deps, at('pro-s2e19'))
      expect(before['aftermath']?.claims[0]?.source.id).toBe('pic-s1e01')
      const after = await marsAt(deps, at('pro-s2e20'))
      const aftermath = after['aftermath']?.claims[0]
      expect(aftermath?.revisionKind).toBe('expansion')
      expect(aftermath?.source.id).toBe('pro-s2e20')
      expect(aftermath?.value.text).toMatch(/Starfleet recalls its officers/)
      expect(textOf(after['perpetrator'])).toEqual(['Zhat Vash'])
      const day = await releasesOf(deps, { release: onDay('2024-07-01'), policy: allSources })
      expect(day.releases.slice(-3).map((r) => r.id)).toEqual(['pro-s2e19', 'pro-s2e20', article])
    })

    it('then a viewer who watched the short and Picard season 1 but no Prodigy has no Prodigy aftermath', async () => {
      // Each id: that series from its first release through this one.
      const through = (...ids: string[]) =>
        watched(ids.map((id) => ({ _tag: 'Range' as const, to: releaseId(id) })))
      const picardOnly = await marsAt(deps, through('st-children-of-mars', 'pic-s1e10'))
      expect(picardOnly['aftermath']?.claims[0]?.source.id).toBe('pic-s1e01')
      expect(textOf(picardOnly['perpetrator'])).toEqual(['Zhat Vash'])
      const all = await marsAt(deps, through('st-children-of-mars', 'pic-s1e10', 'pro-s2e20'))
      expect(all['aftermath']?.claims[0]?.source.id).toBe('pro-s2e20')
      const noShort = (await readerOn(deps)).entity({
        entity: 'event/mars-attack',
        at: { release: through('pic-s1e10'), policy: onScreenOnly },
      })
      expect(E.isLeft(noShort) && noShort.left._tag).toBe('NotFound')
    })

    it('then on 2024-03-22, without a region, the finale is not admitted: its date is the US one', async () => {
      const facts = await marsAt(deps, onDay('2024-03-22'))
      expect(facts['aftermath']?.claims[0]?.source.id).toBe('pic-s1e01')
    })
  })

  describe('when asking as of a date in a region (a release seen there on its regional date)', () => {
    const inRegion = (date: string, region: string): ReleaseCut => asOfDate(isoDate(date), region)
    const prodigyS2 = (r: ReleasesAnswer) =>
      r.releases.filter((x) => /^pro-s2e\d+$/.test(x.id)).map((x) => x.id)

    it('then French viewers had the Prodigy S2 finale on 2024-03-22, not the day before, and viewers elsewhere not yet', async () => {
      const france = await marsAt(deps, inRegion('2024-03-22', 'France'))
      expect(france['aftermath']?.claims[0]?.source.id).toBe('pro-s2e20')
      const dayBefore = await marsAt(deps, inRegion('2024-03-21', 'France'))
      expect(dayBefore['aftermath']?.claims[0]?.source.id).toBe('pic-s1e01')
      const noRegion = await marsAt(deps, onDay('2024-03-22'))
      expect(noRegion['aftermath']?.claims[0]?.source.id).toBe('pic-s1e01')
    })

    it('then on 2024-04-01 France had all 20 episodes of Prodigy S2 and the US none, whatever the region’s case', async () => {
      const france = await releasesOf(deps, {
        release: inRegion('2024-04-01', 'France'),
        policy: allSources,
      })
      expect(prodigyS2(france)).toHaveLength(20)
      const lower = await releasesOf(deps, {
        release: inRegion('2024-04-01', 'france'),
        policy: allSources,
      })
      expect(prodigyS2(lower)).toEqual(prodigyS2(france))
      const us = await releasesOf(deps, { release: onDay('2024-04-01'), policy: allSources })
      expect(prodigyS2(us)).toEqual([])
    })

    it('then outside the US Picard S1E1 came a day later: Narek is unknown there on 2020-01-23 and known on 2020-01-24', async () => {
      expect(await notFoundAt(deps, 'Narek', inRegion('2020-01-23', 'International'))).toBe(
        'NotFound',
      )
      const known = await whenAsked(deps, 'Narek', inRegion('2020-01-24', 'International'))
      expect(known.entity.id).toBe('person/narek')
      expect(known.at.lastRelease?.id).toBe('pic-s1e01')
    })

    it('then an unknown region is refused listing the regions the ledger knows', async () => {
      const r = (await readerOn(deps)).entity({
        entity: 'event/mars-attack',
        at: { release: inRegion('2024-04-01', 'Mars'), policy: onScreenOnly },
      })
      expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'InvalidQuery', field: 'region' })
      const message = E.isLeft(r) ? describeAppError(r.left) : ''
      expect(message).toContain("'Mars' is not a region")
      expect(message).toContain('France')
      expect(message).toContain('International')
    })
  })

  describe('when asking anything on screen as of each release of the arc', () => {
    /** What each release first reveals, in words no answer at an earlier cut may hold. */
    const firstSaidIn: ReadonlyArray<readonly [string, string]> = [
      ['92,000', 'pic-s1e01'],
      ['Utopia Planitia', 'pic-s1e01'],
      ['Commodore Oh', 'pic-s1e02'],
      ['Zhat Vash', 'pic-s1e02'],
      ['2385', 'pic-s1e02'],
      ['fatal code error', 'pic-s1e03'],
      ['Narissa', 'pic-s1e08'],
      ['half-Romulan', 'pic-s1e08'],
      ['revelation', 'pic-s1e08'],
      ['lifted', 'pic-s1e10'],
      ['Janeway', 'pro-s2e20'],
    ]
    const onScreenOrder = [
      'st-children-of-mars',
      'pic-s1e01',
      'pic-s1e02',
      'pic-s1e03',
      'pic-s1e08',
      'pic-s1e10',
      'pro-s2e19',
      'pro-s2e20',
    ]

    it('then no answer holds what a later release first says, notes included', async () => {
      const { entities } = arcContent()
      const reader = await readerOn(deps)
      const policy = onScreenOnly
      const leaks: string[] = []
      for (const [index, release] of onScreenOrder.entries()) {
        const cut = at(release)
        const answers: unknown[] = [
          ...entities.map((entity) => reader.entity({ entity, at: { release: cut, policy } })),
          reader.timeline({ at: { release: cut, policy }, page: all }),
          reader.diff({ from: at('st-children-of-mars'), to: cut, policy, page: all }),
          ...['Mars', 'Oh', 'Rizzo', 'synth'].map((query) =>
            reader.search({ text: query, at: { release: cut, policy } }),
          ),
        ].map((r) => (E.isLeft(r) ? describeAppError(r.left) : r.right))
        const text = JSON.stringify(answers, (_k, v: unknown) =>
          typeof v === 'bigint' ? String(v) : v,
        )
        for (const [words, first] of firstSaidIn)
          if (onScreenOrder.indexOf(first) > index && text.includes(words))
            leaks.push(`${words} (first said in ${first}) as of ${release}`)
      }
      expect(leaks).toEqual([])
    })
  })

  describe('when asking for the 20,000 starships and the end of exploration', () => {
    it('then on-screen canon never holds them, at any release of the arc or at the head', async () => {
      const { releases } = arcContent()
      for (const cut of [...releases.map(at), latest]) {
        const facts = await marsAt(deps, cut)
        expect(facts['starships-destroyed']).toBeUndefined()
        expect(JSON.stringify(facts['aftermath'] ?? null)).not.toMatch(/ceases all exploration/)
      }
    })

    it('then the article tier holds them from the article on, as the article’s own claims', async () => {
      expect((await marsAt(deps, at('pro-s2e20'), articleTier))['starships-destroyed']).toBe(
        undefined,
      )
      const facts = await marsAt(deps, at(article), articleTier)
      const starships = facts['starships-destroyed']?.claims[0]
      expect(starships?.value.value).toEqual({
        _tag: 'Quantity',
        amount: 20000,
        qualifier: 'exact',
        unit: 'starships under construction',
      })
      expect(starships?.tier).toBe('article')
      expect(starships?.source.id).toBe(article)
      const aftermath = facts['aftermath']
      expect(aftermath?.status).toBe('settled')
      expect(aftermath?.claims.map((c) => [c.tier, c.source.id])).toEqual([
        ['on-screen', 'pro-s2e20'],
        ['article', article],
      ])
      expect(aftermath?.claims[1]?.value.text).toMatch(/ceases all exploration missions/)
    })
  })

  describe('when asking for the exact death toll', () => {
    it('then on screen there is none, only over 92,000', async () => {
      const facts = await marsAt(deps, latest)
      expect(facts['exact-casualties']).toBeUndefined()
      expect(textOf(facts['casualties'])).toEqual(['over 92,000 lives'])
    })

    it('then the secondary sources disagree, 92,473 and 92,143: an open conflict', async () => {
      const early = (await marsAt(deps, onDay('2020-01-30'), allSources))['exact-casualties']
      expect(early?.status).toBe('settled')
      expect(textOf(early)).toEqual(['92,473 lives'])
      const now = (await marsAt(deps, latest, allSources))['exact-casualties']
      expect(now?.status).toBe('conflict')
      expect(now?.claims.map((c) => [c.value.text, c.tier, c.source.id])).toEqual([
        ['92,473 lives', 'article', 'article-star-trek-guide-mars-attack-tng'],
        ['92,143 lives', 'article', 'article-memory-beta-attack-on-mars'],
      ])
    })
  })

  describe('when asking for Oh’s other names', () => {
    it('then N’Dar comes from an interview, at the interview tier, and General Nedar from the article', async () => {
      const byInterview = await whenAsked(deps, "N'Dar", latest, interviewTier)
      expect(byInterview.entity.id).toBe('person/commodore-oh')
      expect(byInterview.entity.aliases).toContain("N'Dar")
      expect(byInterview.entity.aliases).not.toContain('General Nedar')
      expect(await notFoundAt(deps, 'General Nedar', latest, interviewTier)).toBe('NotFound')
      expect(textOf(factsOf(byInterview)['mother'])).toEqual(['a Romulan'])
      const all = await whenAsked(deps, 'General Nedar', latest, allSources)
      expect(all.entity.id).toBe('person/commodore-oh')
      expect(all.entity.identifiedWith.map((e) => e.id).sort()).toEqual([
        'person/ndar',
        'person/nedar',
      ])
    })

    it('then Nedar is one with Oh from the article on, and not before', async () => {
      expect(await notFoundAt(deps, 'General Nedar', at('pro-s2e20'), allSources)).toBe('NotFound')
      const a = await whenAsked(deps, 'General Nedar', at(article), allSources)
      expect(a.entity.id).toBe('person/commodore-oh')
      expect(a.entity.name).toBe('Commodore Oh')
      expect(a.entity.identifiedWith.map((e) => e.id)).toEqual(['person/nedar'])
    })

    it('then under the default on-screen policy neither name appears in any answer, at any cut', async () => {
      const { entities, releases } = arcContent()
      const reader = await readerOn(deps)
      const policy = onScreenOnly
      const cuts: ReleaseCut[] = [...releases.map(at), latest]
      const answers: unknown[] = []
      const record = (r: E.Either<AppError, unknown>): void => {
        answers.push(E.isLeft(r) ? describeAppError(r.left) : r.right)
      }
      for (const cut of cuts) {
        for (const entity of entities)
          record(reader.entity({ entity, at: { release: cut, policy } }))
        record(reader.timeline({ at: { release: cut, policy }, page: all }))
        for (const query of ['General', 'Ned', 'Dar', 'Oh', 'Utopia'])
          record(reader.search({ text: query, at: { release: cut, policy } }))
        record(reader.diff({ from: at('st-children-of-mars'), to: cut, policy, page: all }))
      }
      for (const entity of entities)
        record(reader.history({ entity, at: { release: latest, policy }, page: all }))
      record(reader.releases({ at: { release: latest, policy }, page: all }))
      record(reader.entity({ entity: 'General Nedr', at: { release: latest, policy } }))
      record(reader.entity({ entity: "N'Dr", at: { release: latest, policy } }))
      expect(answers.length).toBeGreaterThan(100)
      const text = JSON.stringify(answers, (_k, v: unknown) =>
        typeof v === 'bigint' ? String(v) : v,
      )
      expect(text).toMatch(/Commodore Oh/)
      const leak = /nedar|n'dar|n’dar/i.exec(text)
      expect(leak === null ? '' : text.slice(leak.index - 200, leak.index + 50)).toBe('')
    })
  })

  describe('when secondary sources are admitted', () => {
    it('then the article’s spelling “Utopia Plantia” is an alias of Utopia Planitia, from the article only', async () => {
      const a = await whenAsked(deps, 'Utopia Plantia', latest, allSources)
      expect(a.entity.id).toBe('place/utopia-planitia')
      expect(await notFoundAt(deps, 'Utopia Plantia', latest)).toBe('NotFound')
    })

    it('then the ban on synthetics lasted about 15 years from 2385, by the article alone', async () => {
      const secondary = factsOf(await whenAsked(deps, 'the ban on synthetics', latest, allSources))
      const duration = secondary['duration']?.claims[0]
      expect(duration?.value.text).toBe('about 15 years')
      expect(duration?.valid?.from).toBe('2385')
      expect(duration?.tier).toBe('article')
      const canon = factsOf(await whenAsked(deps, 'the ban on synthetics', latest))
      expect(canon['duration']).toBeUndefined()
      expect(textOf(canon['scope'])).toEqual(['the development of synthetic lifeforms'])
    })

    it('then the article refines the date to 5 April 2385, which on screen stays 2385', async () => {
      const all = await marsAt(deps, latest, allSources)
      expect(all['date']?.claims[0]).toMatchObject({ tier: 'article', revisionKind: 'refinement' })
      expect(all['date']?.claims[0]?.value.text).toMatch(/2385-04-05/)
      expect(textOf((await marsAt(deps, latest))['date'])).toEqual(['2385'])
    })
  })

  describe('when auditing the short', () => {
    it('then its history shows the title as the article gave it and the editorial correction', async () => {
      const h = answer(
        (await readerOn(deps)).history({
          entity: 'event/mars-attack',
          at: { release: latest, policy: onScreenOnly },
          page: all,
        }),
      )
      const fix = h.corrections.find((c) => c.id === 'fix-children-of-mars-title')
      expect(fix).toMatchObject({
        release: 'st-children-of-mars',
        what: 'release-fixed',
        fields: [{ field: 'title', before: 'Children of Men', after: 'Children of Mars' }],
      })
      const position = BigInt(fix?.position ?? '0')
      const asRecorded = await releasesOf(deps, {
        release: latest,
        policy: allSources,
        ledgerPosition: position - 1n,
      })
      const asCorrected = await releasesOf(deps, {
        release: latest,
        policy: allSources,
        ledgerPosition: position,
      })
      const short = (r: ReleasesAnswer) => r.releases.find((x) => x.id === 'st-children-of-mars')
      expect(short(asRecorded)?.title).toBe('Children of Men')
      expect(short(asCorrected)?.title).toBe('Children of Mars')
      expect(short(asCorrected)?.corrections).toBe(1)
    })
  })
})
