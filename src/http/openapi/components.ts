import type { JsonSchema } from './jsonSchema'
import {
  array,
  decimal,
  enumOf,
  integer,
  literal,
  number,
  object,
  oneOf,
  string,
} from './jsonSchema'

/** Shared wire shapes; bigints travel as decimal strings. */
export const components: Readonly<Record<string, JsonSchema>> = {
  Problem: {
    ...object(
      {
        type: { type: 'string', pattern: '^https://canon-ledger\\.dev/problems/[a-z-]+$' },
        title: string,
        status: integer,
        detail: string,
        suggestions: array(string),
        problems: array(string),
        reason: string,
        position: decimal,
        parameter: string,
      },
      ['suggestions', 'problems', 'reason', 'position', 'parameter'],
    ),
    description: 'RFC 9457 problem document; `type` is stable, `detail` names what was wrong.',
  },
  InUniverseTime: oneOf(
    object({ _tag: literal('Calendar'), year: integer, month: integer, day: integer }, [
      'month',
      'day',
    ]),
    object({ _tag: literal('Stardate'), stardate: number }),
  ),
  Tier: enumOf('on-screen', 'production', 'interview', 'tie-in', 'article', 'source-work'),
  RevisionKind: enumOf('revelation', 'retcon', 'refinement', 'expansion', 'reattribution'),
}
