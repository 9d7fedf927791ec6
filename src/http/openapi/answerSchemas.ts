import type { JsonSchema } from './jsonSchema'
import { auditChangeKinds } from '../../../projections/port/answers'
import {
  array,
  boolean,
  decimal,
  enumOf,
  integer,
  literal,
  number,
  object,
  oneOf,
  ref,
  string,
} from './jsonSchema'

/**
 * Response bodies of the read routes: the answers of the read port
 * (projections/port/answers.ts) as JSON. The HTTP tests check a response of
 * every route against these, so a change to an answer that is not made here fails a test.
 */
const tier = ref('Tier')
const revisionKind = ref('RevisionKind')
const nullable = (s: JsonSchema): JsonSchema => oneOf(s, { type: 'null' })

const scalarValueJson: ReadonlyArray<JsonSchema> = [
  object({ _tag: literal('Text'), text: string }),
  object(
    {
      _tag: literal('Quantity'),
      amount: number,
      qualifier: enumOf('exact', 'at-least', 'about', 'at-most'),
      unit: string,
    },
    ['unit'],
  ),
  object(
    {
      _tag: literal('EntityRef'),
      entity: { type: ['string', 'null'] },
      name: string,
      identifiedWith: object({ entity: string, name: string }),
    },
    ['identifiedWith'],
  ),
  object({ _tag: literal('Time'), time: ref('InUniverseTime'), text: string }),
]

export const answerComponents: Readonly<Record<string, JsonSchema>> = {
  ReleaseRef: object(
    {
      id: string,
      title: string,
      series: string,
      kind: string,
      tier,
      date: string,
      sequence: integer,
      season: integer,
      episode: integer,
    },
    ['season', 'episode'],
  ),
  ReleaseCut: oneOf(
    object({ _tag: literal('Latest') }),
    object({ _tag: literal('AsOfRelease'), release: string }),
    object({ _tag: literal('AsOfDate'), date: string, region: string }, ['region']),
    object({
      _tag: literal('Watched'),
      items: array(
        oneOf(
          object({ _tag: literal('Release'), release: string }),
          object({ _tag: literal('Range'), from: string, to: string }, ['from']),
        ),
      ),
    }),
  ),
  PageAnswer: object({ limit: integer, next: { type: ['string', 'null'] } }),
  CutAnswer: object({
    cut: ref('ReleaseCut'),
    policy: string,
    ledgerPosition: decimal,
    lastRelease: nullable(ref('ReleaseRef')),
    releasesAdmitted: integer,
  }),
  ValueJson: oneOf(
    ...scalarValueJson,
    object({ _tag: literal('List'), items: array(oneOf(...scalarValueJson)) }),
  ),
  ValueAnswer: object({ text: string, value: ref('ValueJson') }),
  ValidityAnswer: object({ from: string, until: string, note: string }, ['from', 'until', 'note']),
  EntityRefAnswer: object({ id: string, name: string }),
  AccountAnswer: {
    ...object({ as: enumOf('said', 'believed'), by: array(ref('EntityRefAnswer')) }),
    description:
      "A character's account: what the speakers said or believed, not what the story shows; each speaker named as the cut knows it.",
  },
  StoryChangeAnswer: {
    ...object({ ends: boolean, from: string, when: string }, ['from', 'when']),
    description:
      'A change inside the story (not of what viewers know): the fact takes a new value, or ends, from an in-universe time (`from`) or as told (`when`).',
  },
  StoryAnswer: object({
    holds: boolean,
    phases: array(
      object(
        {
          value: ref('ValueAnswer'),
          from: string,
          until: string,
          when: string,
          release: ref('ReleaseRef'),
          account: ref('AccountAnswer'),
        },
        ['value', 'from', 'until', 'when', 'account'],
      ),
    ),
  }),
  ProvenanceAnswer: object(
    {
      release: ref('ReleaseRef'),
      change: enumOf('asserted', 'confirmed', 'revised', 'changed-in-story', 'retracted'),
      kind: revisionKind,
      quote: string,
      note: string,
      exactReleaseUnknownWithin: string,
      account: ref('AccountAnswer'),
    },
    ['kind', 'quote', 'note', 'exactReleaseUnknownWithin', 'account'],
  ),
  ClaimAnswer: object(
    {
      claim: string,
      subject: ref('EntityRefAnswer'),
      value: ref('ValueAnswer'),
      valid: ref('ValidityAnswer'),
      tier,
      source: ref('ReleaseRef'),
      revisionKind,
      account: ref('AccountAnswer'),
      story: ref('StoryAnswer'),
      provenance: array(ref('ProvenanceAnswer')),
    },
    ['valid', 'revisionKind', 'account', 'story'],
  ),
  EntityAnswer: object({
    at: ref('CutAnswer'),
    matched: object({ query: string, text: string, by: string }),
    entity: object({
      id: string,
      name: string,
      aliases: array(string),
      identifiedWith: array(ref('EntityRefAnswer')),
      introducedBy: ref('ReleaseRef'),
    }),
    facts: array(
      object({
        predicate: string,
        status: enumOf('settled', 'conflict'),
        claims: array(ref('ClaimAnswer')),
      }),
    ),
  }),
  DiffAnswer: object({
    from: ref('CutAnswer'),
    to: ref('CutAnswer'),
    entity: nullable(ref('EntityRefAnswer')),
    releasesBetween: integer,
    releases: array(ref('ReleaseRef')),
    changes: array(
      object(
        {
          release: ref('ReleaseRef'),
          change: string,
          kind: revisionKind,
          entity: ref('EntityRefAnswer'),
          predicate: string,
          claim: string,
          before: ref('ValueAnswer'),
          after: ref('ValueAnswer'),
          other: ref('EntityRefAnswer'),
          name: string,
          settles: array(string),
          story: ref('StoryChangeAnswer'),
          account: ref('AccountAnswer'),
        },
        [
          'kind',
          'predicate',
          'claim',
          'before',
          'after',
          'other',
          'name',
          'settles',
          'story',
          'account',
        ],
      ),
    ),
    facts: array(
      object({
        entity: ref('EntityRefAnswer'),
        predicate: string,
        before: nullable(ref('FactAtAnswer')),
        after: nullable(ref('FactAtAnswer')),
      }),
    ),
    page: ref('PageAnswer'),
  }),
  FactAtAnswer: object({
    status: enumOf('settled', 'conflict'),
    values: array(
      object(
        {
          claim: string,
          value: ref('ValueAnswer'),
          tier,
          source: ref('ReleaseRef'),
          account: ref('AccountAnswer'),
          ended: { const: true },
        },
        ['account', 'ended'],
      ),
    ),
  }),
  HistoryAnswer: object({
    at: ref('CutAnswer'),
    entity: nullable(object({ id: string, name: string, aliases: array(string) })),
    predicate: { type: ['string', 'null'] },
    claim: { type: ['string', 'null'] },
    changes: nullable(array(ref('AuditChangeKind'))),
    entries: array(
      object(
        {
          release: ref('ReleaseRef'),
          tier,
          change: ref('AuditChangeKind'),
          kind: revisionKind,
          entity: ref('EntityRefAnswer'),
          predicate: string,
          claim: string,
          oldValue: ref('ValueAnswer'),
          newValue: ref('ValueAnswer'),
          valid: ref('ValidityAnswer'),
          name: string,
          aliases: array(string),
          other: ref('EntityRefAnswer'),
          settles: array(string),
          story: ref('StoryChangeAnswer'),
          account: ref('AccountAnswer'),
          quote: string,
          note: string,
          exactReleaseUnknownWithin: string,
          position: decimal,
          recordedAt: string,
          withdrawn: boolean,
        },
        [
          'kind',
          'predicate',
          'claim',
          'oldValue',
          'newValue',
          'valid',
          'name',
          'aliases',
          'other',
          'settles',
          'story',
          'account',
          'quote',
          'note',
          'exactReleaseUnknownWithin',
        ],
      ),
    ),
    corrections: array(
      object(
        {
          id: string,
          release: string,
          claim: string,
          what: enumOf('release-fixed', 'release-withdrawn', 'change-fixed'),
          position: decimal,
          recordedAt: string,
          reason: string,
          fields: array({
            type: 'object',
            required: ['field', 'before', 'after'],
            properties: { field: string },
          }),
        },
        ['claim'],
      ),
    ),
    page: ref('PageAnswer'),
  }),
  AuditChangeKind: enumOf(...auditChangeKinds),
  TimelineAnswer: object({
    at: ref('CutAnswer'),
    entries: array(
      object(
        {
          time: string,
          anchor: enumOf('valid-from', 'valid-until', 'value', 'story-change'),
          entity: ref('EntityRefAnswer'),
          predicate: string,
          claim: string,
          value: ref('ValueAnswer'),
          validityNote: string,
          story: enumOf('becomes', 'ends'),
          when: string,
          source: ref('ReleaseRef'),
        },
        ['validityNote', 'story', 'when'],
      ),
    ),
    page: ref('PageAnswer'),
  }),
  ReleaseAnswer: object(
    {
      id: string,
      title: string,
      series: string,
      kind: string,
      tier,
      date: string,
      sequence: integer,
      season: integer,
      episode: integer,
      position: decimal,
      recordedAt: string,
      changes: integer,
      corrections: integer,
      regionalDates: array(object({ region: string, date: string })),
      stardate: string,
      dateNote: string,
      note: string,
    },
    ['season', 'episode', 'regionalDates', 'stardate', 'dateNote', 'note'],
  ),
  ReleasesAnswer: object({
    at: ref('CutAnswer'),
    series: { type: ['string', 'null'] },
    total: integer,
    byTier: array(object({ tier, count: integer })),
    bySeries: array(object({ series: string, count: integer })),
    releases: array(ref('ReleaseAnswer')),
    page: ref('PageAnswer'),
  }),
  SearchAnswer: object({
    at: ref('CutAnswer'),
    query: string,
    hits: array(
      object({
        id: string,
        name: string,
        aliases: array(string),
        matched: string,
        by: enumOf('id', 'name', 'alias'),
        rank: enumOf('exact', 'prefix', 'contains', 'similar'),
      }),
    ),
  }),
}
