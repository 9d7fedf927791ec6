import * as t from 'io-ts'
import * as E from 'fp-ts/Either'

/**
 * A mapping with known keys: `required` and `optional` props, and NOTHING else. Humans
 * mistype keys (`sequnce:`); silently dropping one would record a release without it, so an
 * unknown key is an error naming the key and the keys that are allowed.
 */
/** A message that is the whole problem, not "expected <message>". */
export const verbatim = '\u0000'

export const strictStruct = <R extends t.Props, O extends t.Props>(
  name: string,
  required: R,
  optional: O,
): t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, unknown> => {
  const inner = t.intersection([t.type(required), t.partial(optional)])
  const allowed = [...Object.keys(required), ...Object.keys(optional)]
  return new t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<O>, unknown>(
    name,
    (u): u is t.TypeOfProps<R> & t.TypeOfPartialProps<O> => inner.is(u),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u))
        return t.failure(u, c, `${name} (a mapping with ${allowed.join(', ')})`)
      const record = u as Record<string, unknown>
      const unknownKeys: t.Errors = Object.keys(u)
        .filter((k) => !allowed.includes(k))
        .map((k) => ({
          value: record[k],
          context: t.appendContext(c, k, t.never, record[k]),
          message: `${verbatim}unknown key '${k}'; ${name} takes ${allowed.join(', ')}`,
        }))
      // A key written with no value (`note:`) is a mistake, not an absent key.
      const nulls: t.Errors = Object.keys(optional)
        .filter((k) => record[k] === null)
        .map((k) => ({
          value: null,
          context: t.appendContext(c, k, optional[k] as t.Mixed, null),
        }))
      const decoded = inner.validate(u, t.appendContext(c, '', inner, u))
      const problems = [...unknownKeys, ...nulls, ...(E.isLeft(decoded) ? decoded.left : [])]
      return problems.length === 0 ? decoded : t.failures(problems)
    },
    (a) => a,
  )
}

/** Decodes with `codec`, then maps the result: the human form to the domain form. */
export const mapped = <A, B>(name: string, codec: t.Type<A, unknown>, f: (a: A) => B) =>
  new t.Type<B, unknown>(
    name,
    (_u): _u is B => false,
    (u, c) => E.map(f)(codec.validate(u, c)),
    (b) => b,
  )

/** Validates `value` with `codec` as the child `key` of the current place. */
export const child = <A>(codec: t.Type<A, unknown>, key: string, value: unknown, c: t.Context) =>
  codec.validate(value, t.appendContext(c, key, codec, value))
