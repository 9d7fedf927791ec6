import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { allSources, onScreenOnly } from '../../../src/domain/canonPolicy'
import { isoDate } from '../../../src/domain/calendarDate'
import { releaseId } from '../../../src/domain/ids'
import { asOfDate, asOfRelease, latest, progress } from '../../../projections/cut'
import * as Q from '../../../src/app/queries'
import type { EntityAnswer } from '../../../src/app/queries'
import { describeAppError } from '../../../src/app/errors'
import {
  assert,
  atLeast,
  corrected,
  exact,
  fixChange,
  introduce,
  ref,
  release,
  released,
  revise,
} from '../../support/builders'
import {
  articleRecorded,
  brokenPiecesRecorded,
  childrenOfMarsRecorded,
  ouroborosPart2Recorded,
  picardPremiereRecorded,
  wholeArc,
} from '../domain/marsAttack'
import { appendAll, givenLedger, left, right } from './queryFixture'

const at = (id: string) => asOfRelease(releaseId(id))
const factsOf = (a: EntityAnswer) => Object.fromEntries(a.facts.map((f) => [f.predicate, f]))
const texts = (a: EntityAnswer, predicate: string) =>
  factsOf(a)[predicate]?.claims.map((c) => c.value.text)

describe('entityAsOf', () => {
  describe('given the Mars Attack arc', () => {
    it('when asked as of the Picard premiere, then casualties are over 92,000 and no starship figure exists', async () => {
      const deps = await givenLedger(...wholeArc)
      const answer = right(
        await Q.entityAsOf(deps, {
          entity: 'Mars Attack',
          cut: at('pic-s1e01'),
          policy: onScreenOnly,
        })(),
      )
      expect(texts(answer, 'casualties')).toEqual(['over 92,000 lives'])
      expect(factsOf(answer)['starships-destroyed']).toBeUndefined()
      expect(texts(answer, 'perpetrator')).toEqual(['rogue synths'])
      expect(answer.at).toMatchObject({
        policy: 'on-screen',
        ledgerPosition: '4',
        lastRelease: { id: 'pic-s1e01', title: 'Remembrance' },
        releasesAdmitted: 2,
      })
      expect(JSON.stringify(answer)).not.toMatch(/Oh|Nedar|20,000|starship/)
    })

    it('when asked as of Ouroboros, then the 20,000 starships are there and the culprit is Oh, by reattribution', async () => {
      const deps = await givenLedger(...wholeArc)
      const answer = right(
        await Q.entityAsOf(deps, {
          entity: 'event/mars-attack',
          cut: at('pro-s2e20'),
          policy: onScreenOnly,
        })(),
      )
      expect(texts(answer, 'starships-destroyed')).toEqual(['20,000 starships'])
      const culprit = factsOf(answer)['perpetrator']?.claims[0]
      expect(culprit?.value).toEqual({
        text: 'Commodore Oh',
        value: { _tag: 'EntityRef', entity: 'person/commodore-oh', name: 'Commodore Oh' },
      })
      expect(culprit).toMatchObject({ revisionKind: 'reattribution', source: { id: 'pic-s1e08' } })
      expect(culprit?.provenance.map((p) => `${p.change}@${p.release.id}`)).toEqual([
        'asserted@st-children-of-mars',
        'confirmed@pic-s1e01',
        'revised@pic-s1e08',
      ])
    })

    it('when asked by a date, then the releases up to that date are admitted', async () => {
      const deps = await givenLedger(...wholeArc)
      const answer = right(
        await Q.entityAsOf(deps, {
          entity: 'Mars Attack',
          cut: asOfDate(isoDate('2020-02-01')),
          policy: onScreenOnly,
        })(),
      )
      expect(texts(answer, 'perpetrator')).toEqual(['rogue synths'])
    })

    it('when asked by a viewer progress that skipped Picard, then only the watched series count', async () => {
      const deps = await givenLedger(...wholeArc)
      const answer = right(
        await Q.entityAsOf(deps, {
          entity: 'Mars Attack',
          cut: progress([releaseId('st-children-of-mars'), releaseId('pro-s2e20')]),
          policy: onScreenOnly,
        })(),
      )
      expect(factsOf(answer)['casualties']).toBeUndefined()
      expect(texts(answer, 'starships-destroyed')).toEqual(['20,000 starships'])
      expect(texts(answer, 'perpetrator')).toEqual(['rogue synths'])
    })

    it('when the name is misspelled, then NotFound suggests only names known at the cut', async () => {
      const deps = await givenLedger(...wholeArc)
      const early = left(
        await Q.entityAsOf(deps, {
          entity: 'Comodore Oh',
          cut: at('pic-s1e01'),
          policy: allSources,
        })(),
      )
      expect(early).toMatchObject({ _tag: 'NotFound', suggestions: [] })
      expect(describeAppError(early)).not.toMatch(/Commodore/)
      const late = left(
        await Q.entityAsOf(deps, { entity: 'Comodore Oh', cut: latest, policy: allSources })(),
      )
      expect(late).toMatchObject({ _tag: 'NotFound', suggestions: ['Commodore Oh'] })
    })

    it('when the cut names an unknown release, then NotFound suggests release ids of the ledger', async () => {
      const deps = await givenLedger(...wholeArc)
      const error = left(
        await Q.entityAsOf(deps, {
          entity: 'Mars Attack',
          cut: at('pic-s1e1'),
          policy: onScreenOnly,
        })(),
      )
      expect(error).toEqual({
        _tag: 'NotFound',
        what: "release 'pic-s1e1'",
        suggestions: ['pic-s1e01', 'pic-s1e08'],
      })
    })
  })

  describe('given the article that identifies Oh as Nedar (a secondary source)', () => {
    it('when on-screen only, then Nedar appears nowhere', async () => {
      const deps = await givenLedger(...wholeArc)
      const answer = right(
        await Q.entityAsOf(deps, { entity: 'Oh', cut: latest, policy: onScreenOnly })(),
      )
      expect(JSON.stringify(answer)).not.toMatch(/Nedar/)
      expect(
        left(
          await Q.entityAsOf(deps, {
            entity: 'General Nedar',
            cut: latest,
            policy: onScreenOnly,
          })(),
        )._tag,
      ).toBe('NotFound')
    })

    it('when secondary sources are admitted, then Oh and Nedar are one entity from the article on, not before', async () => {
      const nedarRank = assert('nedar.rank', {
        subject: 'person/nedar',
        predicate: 'rank',
        value: 'General',
      })
      const deps = await givenLedger(
        childrenOfMarsRecorded,
        picardPremiereRecorded,
        brokenPiecesRecorded,
        ouroborosPart2Recorded,
        released(articleRecorded.release, ...articleRecorded.changes, nedarRank),
      )
      const merged = right(
        await Q.entityAsOf(deps, { entity: 'General Nedar', cut: latest, policy: allSources })(),
      )
      expect(merged.entity).toMatchObject({
        id: 'person/commodore-oh',
        name: 'Commodore Oh',
        identifiedWith: [{ id: 'person/nedar', name: 'General Nedar' }],
      })
      expect(merged.entity.aliases).toEqual(expect.arrayContaining(['Oh', 'General Nedar']))
      expect(texts(merged, 'rank')).toEqual(['General'])
      expect(factsOf(merged)['rank']?.claims[0]?.subject).toEqual({
        id: 'person/nedar',
        name: 'General Nedar',
      })
      const before = right(
        await Q.entityAsOf(deps, {
          entity: 'Commodore Oh',
          cut: at('pro-s2e20'),
          policy: allSources,
        })(),
      )
      expect(before.entity.identifiedWith).toEqual([])
      expect(JSON.stringify(before)).not.toMatch(/Nedar/)
    })
  })

  describe('given two secondary sources that disagree on the death toll', () => {
    const attack = released(
      release('pic-s1e01', { date: '2020-01-23', season: 1, episode: 1 }),
      introduce('event/mars-attack', 'Mars Attack'),
    )
    const interview = released(
      release('int-a', { date: '2021-01-01', kind: 'interview' }),
      assert('toll.interview', {
        subject: 'event/mars-attack',
        predicate: 'casualties',
        value: exact(92143, 'lives'),
      }),
    )
    const article = released(
      release('art-b', { date: '2022-01-01', kind: 'article' }),
      assert('toll.article', {
        subject: 'event/mars-attack',
        predicate: 'casualties',
        value: exact(92473, 'lives'),
      }),
    )
    const settlement = released(
      release('art-c', { date: '2023-01-01', kind: 'article' }),
      revise('toll.article', {
        kind: 'refinement',
        value: exact(92473, 'lives'),
        settles: ['toll.interview'],
      }),
    )

    it('when asked before the settlement, then both tolls are shown as an open conflict with their sources', async () => {
      const deps = await givenLedger(attack, interview, article, settlement)
      const answer = right(
        await Q.entityAsOf(deps, { entity: 'Mars Attack', cut: at('art-b'), policy: allSources })(),
      )
      expect(factsOf(answer)['casualties']).toMatchObject({
        status: 'conflict',
        claims: [
          { value: { text: '92,143 lives' }, source: { id: 'int-a' }, tier: 'interview' },
          { value: { text: '92,473 lives' }, source: { id: 'art-b' }, tier: 'article' },
        ],
      })
    })

    it('when asked after the settling revision, then one toll remains, settled', async () => {
      const deps = await givenLedger(attack, interview, article, settlement)
      const answer = right(
        await Q.entityAsOf(deps, { entity: 'Mars Attack', cut: latest, policy: allSources })(),
      )
      expect(factsOf(answer)['casualties']).toMatchObject({
        status: 'settled',
        claims: [
          { claim: 'toll.article', value: { text: '92,473 lives' }, revisionKind: 'refinement' },
        ],
      })
    })

    it('when on-screen only, then neither toll is known', async () => {
      const deps = await givenLedger(attack, interview, article, settlement)
      const answer = right(
        await Q.entityAsOf(deps, { entity: 'Mars Attack', cut: latest, policy: onScreenOnly })(),
      )
      expect(answer.facts).toEqual([])
    })
  })

  describe('given a fact asserted by an interview and revised on screen', () => {
    const ledger = [
      released(release('ep1', { date: '2020-01-01' }), introduce('person/oh', 'Oh')),
      released(
        release('int', { date: '2020-02-01', kind: 'interview' }),
        assert('oh.species', { subject: 'person/oh', predicate: 'species', value: 'Vulcan' }),
      ),
      released(
        release('ep2', { date: '2020-03-01' }),
        revise('oh.species', { kind: 'revelation', value: 'Romulan' }),
      ),
    ]
    it('when on-screen only, then the viewer learns the fact at the revision, not before', async () => {
      const deps = await givenLedger(...ledger)
      const before = right(
        await Q.entityAsOf(deps, { entity: 'Oh', cut: at('int'), policy: onScreenOnly })(),
      )
      expect(before.facts).toEqual([])
      const after = right(
        await Q.entityAsOf(deps, { entity: 'Oh', cut: latest, policy: onScreenOnly })(),
      )
      expect(factsOf(after)['species']?.claims[0]).toMatchObject({
        value: { text: 'Romulan' },
        tier: 'on-screen',
        source: { id: 'ep2' },
      })
      expect(JSON.stringify(after)).not.toMatch(/Vulcan|"int"/)
    })
    it('when secondary sources are admitted, then the interview asserted it first', async () => {
      const deps = await givenLedger(...ledger)
      const before = right(
        await Q.entityAsOf(deps, { entity: 'Oh', cut: at('int'), policy: allSources })(),
      )
      expect(texts(before, 'species')).toEqual(['Vulcan'])
    })
  })

  describe('given the arc appended out of release order', () => {
    it('when asked at every release, then the answers equal those of the ledger appended in order', async () => {
      const inOrder = await givenLedger(...wholeArc)
      const shuffled = await givenLedger(
        childrenOfMarsRecorded,
        ouroborosPart2Recorded,
        brokenPiecesRecorded,
        picardPremiereRecorded,
        articleRecorded,
      )
      for (const r of [
        'st-children-of-mars',
        'pic-s1e01',
        'pic-s1e08',
        'pro-s2e20',
        'screenrant-mars-attack',
      ])
        for (const policy of [onScreenOnly, allSources]) {
          const q = { entity: 'Mars Attack', cut: at(r), policy }
          expect(await Q.entityAsOf(shuffled, q)()).toEqual(await Q.entityAsOf(inOrder, q)())
        }
    })
  })
})

describe('references to entities a cut does not admit', () => {
  it('given a viewer who watched only the series that mentions an entity introduced elsewhere, when asking, then the reference is shown without its id or name', async () => {
    const deps = await givenLedger(
      released(
        release('a1', { date: '2020-01-01', series: 'A' }),
        introduce('person/spoiler', 'Secret Villain'),
      ),
      released(
        release('b1', { date: '2020-02-01', series: 'B' }),
        introduce('event/raid', 'Raid'),
        assert('raid.by', {
          subject: 'event/raid',
          predicate: 'perpetrator',
          value: ref('person/spoiler'),
        }),
      ),
    )
    const answer = right(
      await Q.entityAsOf(deps, {
        entity: 'Raid',
        cut: progress([releaseId('b1')]),
        policy: onScreenOnly,
      })(),
    )
    expect(factsOf(answer)['perpetrator']?.claims[0]?.value).toEqual({
      text: 'an entity not introduced at this cut',
      value: { _tag: 'EntityRef', entity: null, name: 'an entity not introduced at this cut' },
    })
    expect(JSON.stringify(answer)).not.toMatch(/spoiler|Secret Villain/)
    const full = right(
      await Q.entityAsOf(deps, { entity: 'Raid', cut: latest, policy: onScreenOnly })(),
    )
    expect(texts(full, 'perpetrator')).toEqual(['Secret Villain'])
  })
})

describe('corrections on the ledger axis', () => {
  const premiere = release('pic-s1e01', { date: '2020-01-23', season: 1, episode: 1 })
  const ledger = [
    released(
      premiere,
      introduce('event/mars-attack', 'Mars Attack'),
      assert('toll', {
        subject: 'event/mars-attack',
        predicate: 'casualties',
        value: atLeast(9200, 'lives'),
      }),
    ),
    corrected(
      fixChange(
        'fix-toll',
        'pic-s1e01',
        'toll',
        { value: atLeast(92000, 'lives') },
        'a digit was lost',
      ),
    ),
  ]

  it('given a value fixed by a correction, when read before the correction, then the uncorrected value shows', async () => {
    const deps = await givenLedger(...ledger)
    const q = { entity: 'Mars Attack', cut: latest, policy: onScreenOnly }
    expect(
      texts(right(await Q.entityAsOf(deps, { ...q, ledgerPosition: 0n })()), 'casualties'),
    ).toEqual(['over 9,200 lives'])
    expect(
      texts(right(await Q.entityAsOf(deps, { ...q, ledgerPosition: 1n })()), 'casualties'),
    ).toEqual(['over 92,000 lives'])
    expect(texts(right(await Q.entityAsOf(deps, q)()), 'casualties')).toEqual(['over 92,000 lives'])
  })

  it('given a value fixed by a correction, when auditing, then both values and the correction are shown', async () => {
    const deps = await givenLedger(...ledger)
    const audit = right(
      await Q.history(deps, {
        entity: 'Mars Attack',
        predicate: 'casualties',
        policy: onScreenOnly,
      })(),
    )
    expect(audit.entries).toMatchObject([
      {
        change: 'asserted',
        newValue: { text: 'over 92,000 lives' },
        position: '0',
        release: { id: 'pic-s1e01' },
      },
    ])
    expect(audit.corrections).toMatchObject([
      {
        id: 'fix-toll',
        what: 'change-fixed',
        position: '1',
        reason: 'a digit was lost',
        fields: [
          {
            field: 'value',
            before: { text: 'over 9,200 lives' },
            after: { text: 'over 92,000 lives' },
          },
        ],
      },
    ])
    const earlier = right(
      await Q.history(deps, {
        entity: 'Mars Attack',
        predicate: 'casualties',
        policy: onScreenOnly,
        ledgerPosition: 0n,
      })(),
    )
    expect(earlier.entries).toMatchObject([{ newValue: { text: 'over 9,200 lives' } }])
    expect(earlier.corrections).toEqual([])
  })
})

describe('history', () => {
  it('given the arc, when auditing the perpetrator, then every change is listed in release order with old and new values', async () => {
    const deps = await givenLedger(...wholeArc)
    const audit = right(
      await Q.history(deps, {
        entity: 'Mars Attack',
        predicate: 'perpetrator',
        policy: onScreenOnly,
      })(),
    )
    expect(
      audit.entries.map((e) => [
        e.change,
        e.kind,
        e.release.id,
        e.oldValue?.text,
        e.newValue?.text,
        e.position,
      ]),
    ).toEqual([
      ['asserted', undefined, 'st-children-of-mars', undefined, 'rogue synths', '0'],
      ['confirmed', undefined, 'pic-s1e01', 'rogue synths', 'rogue synths', '1'],
      ['revised', 'reattribution', 'pic-s1e08', 'rogue synths', 'Commodore Oh', '2'],
    ])
    expect(audit.entries[0]?.recordedAt).toMatch(/^2026-01-01T/)
  })

  it('given the arc, when auditing the whole entity, then its introduction is listed too', async () => {
    const deps = await givenLedger(...wholeArc)
    const audit = right(await Q.history(deps, { entity: 'Mars Attack', policy: onScreenOnly })())
    expect(audit.entries[0]).toMatchObject({ change: 'introduced', name: 'Mars Attack' })
    expect(audit.predicate).toBeNull()
  })

  it('given the arc, when auditing an unknown fact, then NotFound lists the facts it has', async () => {
    const deps = await givenLedger(...wholeArc)
    const error = left(
      await Q.history(deps, {
        entity: 'Mars Attack',
        predicate: 'casualtes',
        policy: onScreenOnly,
      })(),
    )
    expect(error._tag).toBe('NotFound')
    expect(error._tag === 'NotFound' && error.suggestions).toEqual([
      'casualties',
      'date',
      'perpetrator',
      'starships-destroyed',
    ])
  })
})

describe('diff', () => {
  it('given the arc, when diffing the premiere to Ouroboros for the attack, then each change is classified with before and after', async () => {
    const deps = await givenLedger(...wholeArc)
    const d = right(
      await Q.diff(deps, {
        from: releaseId('pic-s1e01'),
        to: releaseId('pro-s2e20'),
        entity: 'Mars Attack',
        policy: onScreenOnly,
      })(),
    )
    expect(d.releases.map((r) => r.id)).toEqual(['pic-s1e08', 'pro-s2e20'])
    expect(d.changes.map((c) => [c.change, c.predicate, c.before?.text, c.after?.text])).toEqual([
      ['revised:reattribution', 'perpetrator', 'rogue synths', 'Commodore Oh'],
      ['asserted', 'starships-destroyed', undefined, '20,000 starships'],
    ])
    expect(
      d.facts.map((f) => [
        f.predicate,
        f.before?.values.map((v) => v.value.text),
        f.after?.values.map((v) => v.value.text),
      ]),
    ).toEqual([
      ['perpetrator', ['rogue synths'], ['Commodore Oh']],
      ['starships-destroyed', undefined, ['20,000 starships']],
    ])
  })

  it('given the arc, when diffing the whole universe with secondary sources, then introductions and identifications are listed', async () => {
    const deps = await givenLedger(...wholeArc)
    const d = right(
      await Q.diff(deps, { from: releaseId('pro-s2e20'), to: latest, policy: allSources })(),
    )
    expect(d.changes.map((c) => c.change)).toEqual(['introduced', 'identified'])
    expect(d.changes[1]).toMatchObject({
      entity: { id: 'person/commodore-oh' },
      other: { id: 'person/nedar', name: 'General Nedar' },
    })
  })

  it('given the arc, when the cuts are given in the wrong order, then it is refused, naming why', async () => {
    const deps = await givenLedger(...wholeArc)
    const error = left(
      await Q.diff(deps, {
        from: releaseId('pro-s2e20'),
        to: releaseId('pic-s1e01'),
        policy: onScreenOnly,
      })(),
    )
    expect(error._tag).toBe('InvalidInput')
    expect(describeAppError(error)).toMatch(/'from' must not reach past 'to'/)
  })
})

describe('timeline, releases and search', () => {
  it('given the arc, when asking the timeline as of the premiere, then the attack date is on it', async () => {
    const deps = await givenLedger(...wholeArc)
    const tl = right(await Q.timeline(deps, { cut: at('pic-s1e01'), policy: onScreenOnly })())
    expect(tl.entries.map((e) => [e.time, e.entity.name, e.predicate, e.source.id])).toEqual([
      ['2385-04-05', 'Mars Attack', 'date', 'st-children-of-mars'],
    ])
  })

  it('given the arc, when listing releases, then they come in release order grouped by series, at the cut only', async () => {
    const deps = await givenLedger(
      ouroborosPart2Recorded.release ? childrenOfMarsRecorded : childrenOfMarsRecorded,
      ...wholeArc.slice(1),
    )
    const all = right(await Q.releases(deps, {})())
    expect(all.releases.map((r) => r.id)).toEqual([
      'st-children-of-mars',
      'pic-s1e01',
      'pic-s1e08',
      'pro-s2e20',
      'screenrant-mars-attack',
    ])
    expect(all.series.map((s) => [s.series, s.count])).toEqual([
      ['Star Trek: Short Treks', 1],
      ['Star Trek: Picard', 2],
      ['Star Trek: Prodigy', 1],
      ['Screen Rant', 1],
    ])
    const early = right(await Q.releases(deps, { cut: at('pic-s1e01') })())
    expect(early.total).toBe(2)
    expect(JSON.stringify(early)).not.toMatch(/Broken Pieces|Prodigy|Screen Rant/)
    const onScreen = right(await Q.releases(deps, { policy: onScreenOnly })())
    expect(onScreen.total).toBe(4)
  })

  it('given the arc, when searching, then only entities of the cut are found', async () => {
    const deps = await givenLedger(...wholeArc)
    const early = right(
      await Q.searchEntities(deps, { query: 'o', cut: at('pic-s1e01'), policy: allSources })(),
    )
    expect(early.hits.map((h) => h.id)).not.toContain('person/commodore-oh')
    const later = right(
      await Q.searchEntities(deps, { query: 'commodore', cut: latest, policy: allSources })(),
    )
    expect(later.hits).toMatchObject([{ id: 'person/commodore-oh', rank: 'prefix' }])
  })
})

describe('openReader', () => {
  it('given a reader opened on a ledger, when a release is appended, then the reader answers from its snapshot until refreshed', async () => {
    const deps = await givenLedger(childrenOfMarsRecorded, picardPremiereRecorded)
    const reader = right(await Q.openReader(deps)())
    await appendAll(deps, brokenPiecesRecorded)
    const q = { entity: 'Mars Attack', cut: latest, policy: onScreenOnly }
    expect(E.map((a: EntityAnswer) => texts(a, 'perpetrator'))(reader.entityAsOf(q))).toEqual(
      E.right(['rogue synths']),
    )
    const fresh = right(await Q.refreshReader(deps, reader)())
    expect(fresh.position).toBe(2n)
    expect(E.map((a: EntityAnswer) => texts(a, 'perpetrator'))(fresh.entityAsOf(q))).toEqual(
      E.right(['Commodore Oh']),
    )
    expect(right(await Q.refreshReader(deps, fresh)())).toBe(fresh)
  })
})
