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
    {
      ...object(
        {
          _tag: literal('Era'),
          era: string,
          year: integer,
          calendar: string,
          eraIndex: integer,
          counts: enumOf('up', 'down'),
        },
        ['calendar', 'eraIndex', 'counts'],
      ),
      description:
        'A year of an era calendar the universe declares ("32 BBY"), with the calendar and the era\'s place and counting that order it.',
    },
  ),
  Tier: enumOf('on-screen', 'production', 'interview', 'tie-in', 'article', 'source-work'),
  RevisionKind: enumOf('revelation', 'retcon', 'refinement', 'expansion', 'reattribution'),
}
