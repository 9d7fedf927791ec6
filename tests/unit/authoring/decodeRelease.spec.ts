import { describe, expect, it } from 'vitest'
import { decoded, problemsOf, releaseYaml } from './support'

describe('given a well-formed authoring file', () => {
  it('when it holds a release with every kind of change, then each becomes the domain change', () => {
    const content = decoded(
      releaseYaml(
        '    season: 1\n    episode: 1\n    stardate: "stardate 41153.7"\n    regionalDates: [{ region: international, date: 2020-01-24 }]\n',
        `      - introduce: person/commodore-oh
        name: Commodore Oh
        aliases: [Oh]
      - appear: place/mars
        name: the Red Planet
        aliases: [Mars]
      - alias: place/utopia-planitia
        as: Utopia Plantia
      - assert: mars-attack.casualties
        subject: event/mars-attack
        predicate: casualties
        value: { atLeast: 92000, unit: lives }
        valid: { from: "2385-04-05", until: 2399, note: about 15 years }
        quote: over 92,000 lives
        exactReleaseUnknownWithin: "Star Trek: Picard season 1"
      - confirm: mars-attack.date
      - revise: mars-attack.perpetrator
        kind: reattribution
        value: { entity: person/commodore-oh }
        settles: [other-claim]
      - retract: some-claim
        note: withdrawn
      - identify: person/commodore-oh
        sameAs: person/nedar
`,
      ),
    )
    const [release] = content.releases
    expect(release?.release).toEqual({
      id: 'pic-s1e01',
      title: 'Remembrance',
      series: 'Star Trek: Picard',
      kind: 'episode',
      date: '2020-01-23',
      sequence: 1001,
      season: 1,
      episode: 1,
      stardate: { _tag: 'Stardate', stardate: 41153.7 },
      regionalDates: [{ region: 'international', date: '2020-01-24' }],
    })
    expect(release?.changes.map((c) => c._tag)).toEqual([
      'Introduced',
      'Appeared',
      'Aliased',
      'Asserted',
      'Confirmed',
      'Revised',
      'Retracted',
      'Identified',
    ])
    expect(release?.changes[1]).toEqual({
      _tag: 'Appeared',
      entity: 'place/mars',
      name: 'the Red Planet',
      aliases: ['Mars'],
    })
    expect(release?.changes[3]).toEqual({
      _tag: 'Asserted',
      claim: 'mars-attack.casualties',
      subject: 'event/mars-attack',
      predicate: 'casualties',
      value: { _tag: 'Quantity', amount: 92000, qualifier: 'at-least', unit: 'lives' },
      valid: {
        from: { _tag: 'Calendar', year: 2385, month: 4, day: 5 },
        until: { _tag: 'Calendar', year: 2399 },
        note: 'about 15 years',
      },
      quote: 'over 92,000 lives',
      exactReleaseUnknownWithin: 'Star Trek: Picard season 1',
    })
    expect(release?.changes[2]).toEqual({
      _tag: 'Aliased',
      entity: 'place/utopia-planitia',
      alias: 'Utopia Plantia',
    })
  })

  it('when sequence is absent, then it is season*1000+episode, else 0; a given one is kept', () => {
    expect(
      decoded(releaseYaml('    season: 2\n    episode: 20\n')).releases[0]?.release.sequence,
    ).toBe(2020)
    expect(decoded(releaseYaml('    season: 2\n')).releases[0]?.release.sequence).toBe(0)
    expect(decoded(releaseYaml()).releases[0]?.release.sequence).toBe(0)
    expect(
      decoded(releaseYaml('    sequence: 7\n    season: 2\n    episode: 20\n')).releases[0]?.release
        .sequence,
    ).toBe(7)
  })

  it('when values take each written form, then each becomes its domain value', () => {
    const values = [
      ['plain text', { _tag: 'Text', text: 'plain text' }],
      ['3', { _tag: 'Quantity', amount: 3, qualifier: 'exact' }],
      ['{ text: "92,000" }', { _tag: 'Text', text: '92,000' }],
      [
        '{ exact: 5, unit: ships }',
        { _tag: 'Quantity', amount: 5, qualifier: 'exact', unit: 'ships' },
      ],
      [
        '{ about: 15, unit: years }',
        { _tag: 'Quantity', amount: 15, qualifier: 'about', unit: 'years' },
      ],
      ['{ atMost: 4 }', { _tag: 'Quantity', amount: 4, qualifier: 'at-most' }],
      ['{ entity: person/oh }', { _tag: 'EntityRef', entity: 'person/oh' }],
      ['{ date: "2385-04" }', { _tag: 'Time', time: { _tag: 'Calendar', year: 2385, month: 4 } }],
      ['{ date: 2385 }', { _tag: 'Time', time: { _tag: 'Calendar', year: 2385 } }],
      ['{ stardate: 41153.7 }', { _tag: 'Time', time: { _tag: 'Stardate', stardate: 41153.7 } }],
      [
        '{ list: [a, 2, { entity: person/oh }] }',
        {
          _tag: 'List',
          items: [
            { _tag: 'Text', text: 'a' },
            { _tag: 'Quantity', amount: 2, qualifier: 'exact' },
            { _tag: 'EntityRef', entity: 'person/oh' },
          ],
        },
      ],
    ] as const
    for (const [written, value] of values) {
      const content = decoded(
        releaseYaml(
          '',
          `      - assert: c\n        subject: event/x\n        predicate: p\n        value: ${written}\n`,
        ),
      )
      expect(content.releases[0]?.changes[0]).toMatchObject({ value })
    }
  })

  it('when a file is a single release mapping at top level, then it is that release', () => {
    const content = decoded(
      'id: st-children-of-mars\ntitle: Children of Mars\nseries: "Star Trek: Short Treks"\nkind: short\ndate: 2020-01-09\n',
    )
    expect(content.releases.map((r) => r.release.id)).toEqual(['st-children-of-mars'])
    expect(content.releases[0]?.changes).toEqual([])
  })

  it('when it holds corrections of each kind, then each becomes its correction target', () => {
    const content = decoded(`corrections:
  - id: fix-title
    release: st-children-of-mars
    set: { title: Children of Mars, date: 2020-01-09 }
    reason: the article's slip
  - id: fix-regions
    release: dis-s1e01
    set: { regionalDates: [{ region: International, date: 2017-09-25 }] }
    reason: the catalog gave no international date
  - id: withdraw-x
    release: x
    withdraw: true
    reason: bogus row
  - id: fix-a-quote
    release: pic-s1e01
    claim: mars-attack.casualties
    set: { quote: "over 92,000", value: { atLeast: 92000 } }
    reason: typo
`)
    expect(content.corrections.map((c) => c.correction.target)).toEqual([
      {
        _tag: 'ReleaseEntryFixed',
        release: 'st-children-of-mars',
        set: { title: 'Children of Mars', date: '2020-01-09' },
      },
      {
        _tag: 'ReleaseEntryFixed',
        release: 'dis-s1e01',
        set: { regionalDates: [{ region: 'International', date: '2017-09-25' }] },
      },
      { _tag: 'ReleaseEntryWithdrawn', release: 'x' },
      {
        _tag: 'ChangeEntryFixed',
        release: 'pic-s1e01',
        claim: 'mars-attack.casualties',
        set: {
          quote: 'over 92,000',
          value: { _tag: 'Quantity', amount: 92000, qualifier: 'at-least' },
        },
      },
    ])
  })
})

describe('given a malformed authoring file', () => {
  const expectProblem = (text: string, ...fragments: ReadonlyArray<string>): void => {
    const problems = problemsOf(text)
    for (const fragment of fragments)
      expect(
        problems.some((p) => p.includes(fragment)),
        `${fragment} in ${problems.join('\n')}`,
      ).toBe(true)
  }

  it('when a required field is missing, then the path and what was expected are named', () => {
    expectProblem(
      'releases:\n  - id: x\n    series: S\n    kind: film\n    date: 2020-01-01\n',
      'at releases[0].title (line 2, column 5): expected non-empty text',
      'found nothing',
    )
  })

  it('when a key is misspelt, then it is named with the keys that are allowed', () => {
    expectProblem(
      releaseYaml('    sequnce: 3\n'),
      "at releases[0].sequnce (line 7, column 14): unknown key 'sequnce'",
      'sequence',
    )
  })

  it('when ids, dates and kinds are malformed, then each is reported at its own path', () => {
    expectProblem(
      'releases:\n  - id: Pic S1\n    title: T\n    series: S\n    kind: movie\n    date: 2023-02-30\n',
      'at releases[0].id (line 2, column 9): expected a release id',
      "at releases[0].kind (line 5, column 11): expected 'episode' | 'film'",
      'found "movie"',
      'at releases[0].date (line 6, column 11): expected a calendar date YYYY-MM-DD that exists, found "2023-02-30"',
    )
  })

  it('when a value deep in a change is wrong, then its full path is given', () => {
    expectProblem(
      releaseYaml(
        '',
        '      - assert: c\n        subject: event/x\n        predicate: p\n        value: { atLeast: lots }\n',
      ),
      'at releases[0].changes[0].value.atLeast (line 11, column 27): expected a finite number, found "lots"',
    )
    expectProblem(
      releaseYaml(
        '',
        '      - assert: c\n        subject: event/x\n        predicate: p\n        value: { atLeast: 1, exact: 2 }\n',
      ),
      'at releases[0].changes[0].value (line 11, column 16): expected a value:',
    )
  })

  it('when a change has no verb or two verbs, then the verbs are listed', () => {
    expectProblem(
      releaseYaml('', '      - {}\n      - revise: a\n        confirm: b\n'),
      'at releases[0].changes[0] (line 8, column 9): expected a change: a mapping with exactly one of introduce',
      'at releases[0].changes[1] (line 9, column 9): expected a change',
      '(found confirm and revise)',
    )
  })

  it('when a revision kind is unknown or an entity id has no kind, then the path says so', () => {
    expectProblem(
      releaseYaml(
        '',
        '      - revise: a\n        kind: rewrite\n        value: x\n      - identify: oh\n        sameAs: person/nedar\n',
      ),
      "at releases[0].changes[0].kind (line 9, column 15): expected 'revelation' | 'retcon'",
      'at releases[0].changes[1].identify (line 11, column 19): expected an entity id kind/slug',
    )
  })

  it('when a key is given with no value, then that is an error, not an absent key', () => {
    expectProblem(
      releaseYaml('    note:\n'),
      'at releases[0].note (line 7, column 10): expected non-empty text',
      'found null',
    )
  })

  it('when lists nest, then the inner list is refused', () => {
    expectProblem(
      releaseYaml(
        '',
        '      - assert: c\n        subject: event/x\n        predicate: p\n        value: { list: [{ list: [1] }] }\n',
      ),
      'at releases[0].changes[0].value.list[0] (line 11, column 25): expected a single value (lists do not nest)',
    )
  })

  it('when a correction neither sets nor withdraws, or withdraws and sets, then it is refused', () => {
    expectProblem(
      'corrections:\n  - id: a\n    release: b\n    reason: r\n  - id: c\n    release: d\n    reason: r\n    withdraw: true\n    set: { title: T }\n',
      'at corrections[0] (line 2, column 5): expected a correction with either `set: {...}`',
      'at corrections[1] (line 5, column 5): expected a correction',
      'a withdrawal takes no set or claim',
    )
  })

  it('when a correction sets a field a release does not have, then the field is named', () => {
    expectProblem(
      'corrections:\n  - id: a\n    release: b\n    reason: r\n    set: { titel: T }\n',
      "at corrections[0].set.titel (line 5, column 19): unknown key 'titel'",
    )
  })

  it('when the file is empty, a list, or a scalar, then the expected shape is described', () => {
    expectProblem('', 'the file is empty')
    expectProblem('# only a comment\n', 'the file is empty')
    expectProblem('- a\n', 'at (top): expected an authoring file')
    expectProblem('hello\n', 'at (top): expected an authoring file')
    expectProblem('title: no id\n', 'at (top): expected an authoring file')
  })

  it('when the YAML itself is broken, then the line and column are given', () => {
    expectProblem('releases: [\n  - id: x\n', 'at line ')
    expectProblem('releases: []\nreleases: []\n', 'at line 2, column 1')
  })

  it('when the file is refused, then every problem line names nothing but a place in it (the file is the source)', () => {
    const problems = problemsOf(releaseYaml('    sequnce: 3\n'), 'ledgers/x.yaml')
    expect(problems.length).toBeGreaterThan(0)
    for (const p of problems) expect(p).toMatch(/^at /)
  })
})

describe('given the forms of accounts, changes in the story and calendars', () => {
  it('when a claim is said or believed by speakers, then each becomes an account', () => {
    const content = decoded(
      releaseYaml(
        '',
        `      - assert: lukes-father.fate
        subject: person/lukes-father
        predicate: fate
        value: betrayed and murdered by Darth Vader
        saidBy: person/obi-wan-kenobi
      - confirm: zhat-vash.described-as
        believedBy: [person/laris, person/zhaban]
      - revise: mars-attack.perpetrator
        kind: revelation
        value: { entity: org/zhat-vash }
`,
      ),
    )
    const changes = content.releases[0]?.changes ?? []
    expect(changes.map((c) => ('account' in c ? c.account : undefined))).toEqual([
      { by: ['person/obi-wan-kenobi'], as: 'said' },
      { by: ['person/laris', 'person/zhaban'], as: 'believed' },
      undefined,
    ])
  })

  it('when the story changes a fact, then becomes and ends are changes in the story, dated or not', () => {
    const content = decoded(
      releaseYaml(
        '',
        `      - becomes: palpatine.status
        value: dead
        from: "4 ABY"
      - ends: synth-ban.in-force
        when: late 2399 or early 2400
        note: lifted
`,
      ),
    )
    expect(content.releases[0]?.changes).toEqual([
      {
        _tag: 'StoryChanged',
        claim: 'palpatine.status',
        value: { _tag: 'Text', text: 'dead' },
        from: { _tag: 'Era', era: 'ABY', year: 4 },
      },
      {
        _tag: 'StoryChanged',
        claim: 'synth-ban.in-force',
        when: 'late 2399 or early 2400',
        note: 'lifted',
      },
    ])
  })

  it('when a file declares calendars, then each is a declaration, before or beside releases', () => {
    const content = decoded(
      `calendars:
  - id: galactic
    name: Galactic Standard Calendar
    kind: era
    yearZero: true
    eras:
      - { label: BBY, counts: down }
      - { label: ABY, counts: up, name: After the Battle of Yavin }
  - id: gregorian
    name: Gregorian calendar
    kind: gregorian
`,
    )
    expect(content.calendars).toEqual([
      {
        _tag: 'DeclareCalendar',
        calendar: {
          id: 'galactic',
          name: 'Galactic Standard Calendar',
          kind: 'era',
          yearZero: true,
          eras: [
            { label: 'BBY', counts: 'down' },
            { label: 'ABY', counts: 'up', name: 'After the Battle of Yavin' },
          ],
        },
      },
      {
        _tag: 'DeclareCalendar',
        calendar: { id: 'gregorian', name: 'Gregorian calendar', kind: 'gregorian' },
      },
    ])
  })

  it('when a time is written in an era, then it is the era and the year as written', () => {
    const content = decoded(
      releaseYaml(
        '',
        `      - assert: battle-of-naboo.date
        subject: event/battle-of-naboo
        predicate: date
        value: { date: "32 BBY" }
        valid: { from: 0 ABY, until: "283 AC" }
`,
      ),
    )
    const change = content.releases[0]?.changes[0]
    expect(change).toMatchObject({
      value: { _tag: 'Time', time: { _tag: 'Era', era: 'BBY', year: 32 } },
      valid: {
        from: { _tag: 'Era', era: 'ABY', year: 0 },
        until: { _tag: 'Era', era: 'AC', year: 283 },
      },
    })
  })
})

describe('given a malformed form of the new kinds', () => {
  it('when an era time is malformed, then the line and column of the value are named', () => {
    expect(
      problemsOf(
        releaseYaml(
          '',
          `      - assert: a.b
        subject: event/a
        predicate: b
        value: { date: "32BBY" }
`,
        ),
      ),
    ).toEqual([
      'at releases[0].changes[0].value.date (line 11, column 24): expected an in-universe time: a year (2385), "2385-04", "2385-04-05", "stardate 41153.7", or a year of an era calendar the universe declares ("32 BBY", "283 AC"), found "32BBY"',
    ])
  })

  it('when an account is both said and believed, or names no speaker, then it is refused where written', () => {
    const problems = problemsOf(
      releaseYaml(
        '',
        `      - confirm: a.b
        saidBy: person/a
        believedBy: person/b
      - confirm: c.d
        saidBy: []
`,
      ),
    )
    expect(problems).toEqual([
      'at releases[0].changes[0].believedBy (line 10, column 21): an account is either said (saidBy:) or believed (believedBy:), not both',
      'at releases[0].changes[1].saidBy (line 12, column 17): expected a speaker (an entity id) or a non-empty list of them, found []',
    ])
  })

  it('when a calendar has an unknown kind or an era counts neither up nor down, then each is named', () => {
    const problems = problemsOf(
      'calendars:\n  - id: galactic\n    name: G\n    kind: lunar\n  - id: westeros\n    name: W\n    kind: era\n    eras: [{ label: AC, counts: sideways }]\n',
    )
    expect(problems).toEqual([
      "at calendars[0].kind (line 4, column 11): expected 'gregorian' | 'stardate' | 'era', found \"lunar\"",
      "at calendars[1].eras[0].counts (line 8, column 33): expected 'up' | 'down', found \"sideways\"",
    ])
  })
})

describe('given YAML broken where a quote or a bracket opens', () => {
  it('when a quoted text is never closed, then the error points at the opening quote, not the end of the file', () => {
    expect(
      problemsOf('releases:\n  - id: a\n    title: "unterminated\n    kind: episode\n'),
    ).toEqual(['at line 3, column 12: Missing closing "quote (opened here and not closed)'])
  })

  it('when a flow mapping is never closed, then the error points at its opening brace', () => {
    const problems = problemsOf(
      'releases:\n  - id: a\n    changes:\n      - assert: x\n        value: { atLeast: 3000, unit: lives\n      - confirm: y\n',
    )
    expect(problems[0]).toMatch(
      /^at line 5, column 16: Flow map .* \(opened here and not closed\)$/,
    )
  })

  it('when a line is indented as if it continued the key above, then the error points at that line', () => {
    const problems = problemsOf('releases:\n  - id: a\n     title: x\n')
    expect(problems).toContain(
      'at line 3, column 6: Implicit keys need to be on a single line (this line is indented as if it continued the key above it)',
    )
  })
})
