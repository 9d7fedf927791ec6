import * as E from 'fp-ts/Either'
import { beforeAll, describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../src/domain/canonPolicy'
import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { isoDate } from '../../src/domain/calendarDate'
import { releaseId } from '../../src/domain/ids'
import type { LedgerDeps } from '../../src/app/ledger'
import type { AppError } from '../../src/app/errors'
import { describeAppError } from '../../src/app/errors'
import { tierOf } from '../../src/domain/release'
import { decodeAuthoring } from '../../src/app/authoring/decodeAuthoring'
import * as Q from '../../src/app/queries'
import { asOfDate, asOfRelease, latest } from '../../projections/cut'
import type { ReleaseCut } from '../../projections/cut'
import { arcFiles, givenBundledArc, importBundledCatalog } from '../support/bundledLedger'

/**
 * The scenario of the ledger core issue, on the REAL bundled ledger (ledgers/star-trek/*.yaml,
 * appended through the same use case as `canon append`), with the release catalog imported too.
 */
const at = (release: string): ReleaseCut => asOfRelease(releaseId(release))
const article = 'article-picard-mars-attack-worse'

const answer = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected an answer, got ${JSON.stringify(r.left)}`)
  return r.right
}

const factsOf = (a: Q.EntityAnswer): Record<string, Q.FactAnswer> =>
  Object.fromEntries(a.facts.map((f) => [f.predicate, f]))

const whenAsked = async (
  deps: LedgerDeps,
  entity: string,
  cut: ReleaseCut,
  policy: CanonPolicy = onScreenOnly,
): Promise<Q.EntityAnswer> => answer(await Q.entityAsOf(deps, { entity, cut, policy })())

/**
 * Every release the arc's authoring files give, and every entity an on-screen one introduces
 * (asking for a secondary entity by its id would only echo the question), read from the files.
 */
const arcContent = () => {
  const entities = new Set<string>()
  const releases: string[] = []
  for (const file of arcFiles()) {
    const decoded = decodeAuthoring(file)
    if (E.isLeft(decoded)) throw new Error(describeAppError(decoded.left))
    for (const command of decoded.right.releases) {
      releases.push(command.release.id)
      if (tierOf(command.release.kind) !== 'on-screen') continue
      for (const change of command.changes)
        if (change._tag === 'Introduced') entities.add(change.entity)
    }
  }
  return { entities: [...entities], releases }
}

describe('given the bundled Star Trek ledger (the Mars Attack arc and the release catalog)', () => {
  let deps: LedgerDeps
  beforeAll(async () => {
    deps = await givenBundledArc()
    await importBundledCatalog(deps)
  })

  describe('when asking for the Mars Attack as of Picard S1E1 (on-screen)', () => {
    it('then casualties are over 92,000, the rogue synths are the perpetrator, and there is no starship figure', async () => {
      const facts = factsOf(await whenAsked(deps, 'event/mars-attack', at('pic-s1e01')))
      expect(facts['casualties']?.claims.map((c) => c.value.text)).toEqual(['over 92,000 lives'])
      expect(facts['casualties']?.claims[0]?.value.value).toEqual({
        _tag: 'Quantity',
        amount: 92000,
        qualifier: 'at-least',
        unit: 'lives',
      })
      expect(facts['starships-destroyed']).toBeUndefined()
      expect(facts['perpetrator']?.claims[0]?.value.text).toBe('rogue synths')
      expect(facts['perpetrator']?.claims[0]?.provenance.map((p) => p.change)).toEqual([
        'asserted',
        'confirmed',
      ])
    })
  })

  describe('when asking for the Mars Attack as of the short', () => {
    it('then synths at Utopia Planitia attacked Mars on First Contact Day, and nothing of Picard is known', async () => {
      const a = await whenAsked(deps, 'Mars Attack', at('st-children-of-mars'))
      const facts = factsOf(a)
      expect(facts['target']?.claims[0]?.value.text).toBe('Mars')
      expect(facts['occasion']?.claims[0]?.value.text).toBe('First Contact Day')
      expect(facts['perpetrator']?.claims[0]?.value.text).toBe('rogue synths')
      expect(facts['casualties']).toBeUndefined()
      expect(a.at.lastRelease?.title).toBe('Children of Mars')
    })
  })

  describe('when asking for the Mars Attack as of Prodigy S2E20', () => {
    it('then the 20,000 starships under construction are there and the aftermath is expanded', async () => {
      const facts = factsOf(await whenAsked(deps, 'event/mars-attack', at('pro-s2e20')))
      const starships = facts['starships-destroyed']?.claims[0]
      expect(starships?.value.value).toEqual({
        _tag: 'Quantity',
        amount: 20000,
        qualifier: 'exact',
        unit: 'starships under construction',
      })
      expect(starships?.source.id).toBe('pro-s2e20')
      expect(starships?.source.title).toBe('Ouroboros, Part II')
      const aftermath = facts['aftermath']?.claims[0]
      expect(aftermath?.revisionKind).toBe('expansion')
      expect(aftermath?.value.text).toMatch(/pulls back into its existing borders/)
      expect(facts['casualties']?.claims[0]?.value.text).toBe('over 92,000 lives')
    })

    it('then S2E19, released the same day, does not know them: the day is ordered by episode', async () => {
      const facts = factsOf(await whenAsked(deps, 'event/mars-attack', at('pro-s2e19')))
      expect(facts['starships-destroyed']).toBeUndefined()
      const day = answer(await Q.releases(deps, { cut: asOfDate(isoDate('2024-07-01')) })())
      expect(day.releases.slice(-3).map((r) => r.id)).toEqual(['pro-s2e19', 'pro-s2e20', article])
    })
  })

  describe('when asking who was behind the attack, across Picard season 1', () => {
    it('then the perpetrator is reattributed to Commodore Oh as of the finale, the synths kept as the instrument', async () => {
      const before = factsOf(
        await whenAsked(deps, 'event/mars-attack', asOfDate(isoDate('2020-03-25'))),
      )
      expect(before['perpetrator']?.claims[0]?.value.text).toBe('rogue synths')
      expect(before['instrument']).toBeUndefined()
      const after = factsOf(await whenAsked(deps, 'event/mars-attack', at('pic-s1e10')))
      const perpetrator = after['perpetrator']?.claims[0]
      expect(perpetrator?.value.text).toBe('Commodore Oh')
      expect(perpetrator?.revisionKind).toBe('reattribution')
      expect(perpetrator?.source.id).toBe('pic-s1e10')
      expect(perpetrator?.provenance.at(-1)?.exactReleaseUnknownWithin).toBe(
        'Star Trek: Picard season 1',
      )
      expect(after['instrument']?.claims[0]?.value.text).toBe('rogue synths')
    })

    it('then the history of the perpetrator lists the assertion, the confirmation and the reattribution', async () => {
      const h = answer(
        await Q.history(deps, {
          entity: 'event/mars-attack',
          predicate: 'perpetrator',
          policy: onScreenOnly,
        })(),
      )
      expect(h.entries.map((e) => [e.release.id, e.change, e.kind ?? ''])).toEqual([
        ['st-children-of-mars', 'asserted', ''],
        ['pic-s1e01', 'confirmed', ''],
        ['pic-s1e10', 'revised', 'reattribution'],
      ])
      expect(h.entries[2]?.oldValue?.text).toBe('rogue synths')
      expect(h.entries[2]?.newValue?.text).toBe('Commodore Oh')
    })

    it('then Oh is Starfleet’s head of security, a Romulan Zhat Vash agent posing as a Vulcan, with Narissa and Narek as her agents', async () => {
      const facts = factsOf(await whenAsked(deps, 'Commodore Oh', latest))
      expect(facts['position']?.claims[0]?.value.text).toBe("Starfleet's Head of Security")
      expect(facts['species']?.claims[0]?.value.text).toBe('Romulan')
      expect(facts['posed-as']?.claims[0]?.value.text).toBe('a Vulcan')
      expect(facts['member-of']?.claims[0]?.value.text).toBe('Zhat Vash')
      expect(facts['agents']?.claims[0]?.value.text).toBe('Narissa; Narek')
      const narek = factsOf(await whenAsked(deps, 'Narek', latest))
      expect(narek['member-of']?.claims[0]?.value.text).toBe('Tal Shiar')
    })
  })

  describe('when asking anything under the default on-screen policy', () => {
    it('then the name Nedar appears nowhere in any answer, at any cut', async () => {
      const { entities, releases } = arcContent()
      const reader = answer(await Q.openReader(deps)())
      const policy = onScreenOnly
      const cuts: ReleaseCut[] = [...releases.map(at), latest]
      const answers: unknown[] = []
      const record = (r: E.Either<AppError, unknown>): void => {
        answers.push(E.isLeft(r) ? describeAppError(r.left) : r.right)
      }
      for (const cut of cuts) {
        for (const entity of entities) record(reader.entityAsOf({ entity, cut, policy }))
        record(reader.timeline({ cut, policy }))
        for (const query of ['General', 'Ned', 'Oh', 'Utopia'])
          record(reader.searchEntities({ query, cut, policy }))
        record(reader.diff({ from: at('st-children-of-mars'), to: cut, policy }))
      }
      for (const entity of entities) record(reader.history({ entity, policy }))
      record(reader.releases({ cut: latest, policy }))
      record(reader.entityAsOf({ entity: 'General Nedr', cut: latest, policy }))
      expect(answers.length).toBeGreaterThan(100)
      const text = JSON.stringify(answers, (_k, v: unknown) =>
        typeof v === 'bigint' ? String(v) : v,
      )
      expect(text).toMatch(/Commodore Oh/)
      const leak = /nedar/i.exec(text)
      expect(leak === null ? '' : text.slice(leak.index - 200, leak.index + 50)).toBe('')
    })
  })

  describe('when secondary sources are admitted', () => {
    it('then Oh and Nedar are one entity from the article on, and not before', async () => {
      const before = await Q.entityAsOf(deps, {
        entity: 'General Nedar',
        cut: at('pro-s2e20'),
        policy: allSources,
      })()
      expect(E.isLeft(before) && before.left._tag).toBe('NotFound')
      const a = await whenAsked(deps, 'General Nedar', at(article), allSources)
      expect(a.entity.id).toBe('person/commodore-oh')
      expect(a.entity.name).toBe('Commodore Oh')
      expect(a.entity.aliases).toContain('General Nedar')
      expect(a.entity.identifiedWith.map((e) => e.id)).toEqual(['person/nedar'])
      const byId = await whenAsked(deps, 'person/nedar', latest, allSources)
      expect(byId.entity.id).toBe('person/commodore-oh')
      const mars = factsOf(await whenAsked(deps, 'event/mars-attack', latest, allSources))
      expect(mars['perpetrator']?.claims[0]?.value.value).toMatchObject({
        _tag: 'EntityRef',
        entity: 'person/commodore-oh',
      })
    })

    it('then the article’s spelling “Utopia Plantia” is an alias of Utopia Planitia, from the article only', async () => {
      const a = await whenAsked(deps, 'Utopia Plantia', latest, allSources)
      expect(a.entity.id).toBe('place/utopia-planitia')
      const onScreen = await Q.entityAsOf(deps, {
        entity: 'Utopia Plantia',
        cut: latest,
        policy: onScreenOnly,
      })()
      expect(E.isLeft(onScreen) && onScreen.left._tag).toBe('NotFound')
    })

    it('then the ban on synthetics lasted about 15 years from 2385, by the article alone', async () => {
      const secondary = factsOf(await whenAsked(deps, 'the ban on synthetics', latest, allSources))
      const duration = secondary['duration']?.claims[0]
      expect(duration?.value.text).toBe('about 15 years')
      expect(duration?.valid?.from).toBe('2385')
      expect(duration?.tier).toBe('article')
      const canon = factsOf(await whenAsked(deps, 'the ban on synthetics', latest))
      expect(canon['duration']).toBeUndefined()
      expect(canon['scope']?.claims[0]?.value.text).toBe('androids and synthetic lifeforms')
    })
  })

  describe('when auditing the short', () => {
    it('then its history shows the title as the article gave it and the editorial correction', async () => {
      const h = answer(
        await Q.history(deps, { entity: 'event/mars-attack', policy: onScreenOnly })(),
      )
      const fix = h.corrections.find((c) => c.id === 'fix-children-of-mars-title')
      expect(fix).toMatchObject({
        release: 'st-children-of-mars',
        what: 'release-fixed',
        fields: [{ field: 'title', before: 'Children of Men', after: 'Children of Mars' }],
      })
      const position = BigInt(fix?.position ?? '0')
      const asRecorded = answer(await Q.releases(deps, { ledgerPosition: position - 1n })())
      const asCorrected = answer(await Q.releases(deps, { ledgerPosition: position })())
      const short = (r: Q.ReleasesAnswer) => r.releases.find((x) => x.id === 'st-children-of-mars')
      expect(short(asRecorded)?.title).toBe('Children of Men')
      expect(short(asCorrected)?.title).toBe('Children of Mars')
      expect(short(asCorrected)?.corrections).toBe(1)
    })
  })

  describe('when listing the arc’s releases', () => {
    it('then they carry the dates of data/README.md, Picard S1E1 with its international date', async () => {
      const all = answer(await Q.releases(deps, {})())
      const byId = new Map(all.releases.map((r) => [r.id, r]))
      expect(byId.get('st-children-of-mars')?.date).toBe('2020-01-09')
      expect(byId.get('pic-s1e01')?.date).toBe('2020-01-23')
      expect(byId.get('pic-s1e01')?.regionalDates).toEqual([
        { region: 'international', date: '2020-01-24' },
      ])
      expect(byId.get('pic-s1e10')?.date).toBe('2020-03-26')
      expect(byId.get('pro-s2e20')?.date).toBe('2024-07-01')
      expect(byId.get(article)).toMatchObject({
        kind: 'article',
        tier: 'article',
        series: 'Screen Rant',
      })
    })
  })
})
