import type { JsonSchema } from './jsonSchema'
import { array, oneOf } from './jsonSchema'

/**
 * The write bodies: the YAML authoring format as JSON. The authoring decoder
 * (src/app/authoring) is the authority on every field and refuses what this outline allows
 * but the format does not; the outline documents the shape.
 */
const release: JsonSchema = {
  type: 'object',
  required: ['id', 'title', 'series', 'kind', 'date'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    title: { type: 'string' },
    series: { type: 'string' },
    kind: {
      type: 'string',
      enum: [
        'episode',
        'film',
        'short',
        'special',
        'article',
        'interview',
        'production',
        'tie-in',
        'novel',
        'source-work',
      ],
    },
    date: { type: 'string', format: 'date' },
    sequence: { type: 'integer' },
    season: { type: 'integer' },
    episode: { type: 'integer' },
    changes: array({
      type: 'object',
      description:
        'One of introduce, appear, alias, assert, confirm, revise, becomes, ends, retract, identify, with its fields (see docs/authoring.md).',
    }),
  },
}

const correction: JsonSchema = {
  type: 'object',
  required: ['id', 'release', 'reason'],
  properties: {
    id: { type: 'string' },
    release: { type: 'string' },
    claim: { type: 'string' },
    set: { type: 'object' },
    withdraw: { type: 'boolean' },
    reason: { type: 'string' },
  },
}

const calendar: JsonSchema = {
  type: 'object',
  required: ['id', 'name', 'kind'],
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    name: { type: 'string' },
    kind: { type: 'string', enum: ['gregorian', 'stardate', 'era'] },
    eras: array({
      type: 'object',
      required: ['label', 'counts'],
      properties: {
        label: { type: 'string' },
        counts: { type: 'string', enum: ['up', 'down'] },
        name: { type: 'string' },
      },
    }),
    yearZero: { type: 'boolean' },
    note: { type: 'string' },
  },
}

export const authoringBodySchema: JsonSchema = oneOf(
  {
    type: 'object',
    properties: {
      releases: array(release),
      corrections: array(correction),
      calendars: array(calendar),
    },
    additionalProperties: false,
  },
  release,
)
