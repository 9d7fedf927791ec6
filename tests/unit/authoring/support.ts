import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import type { AuthoringContent } from '../../../src/app/authoring/fileCodec'
import { decodeAuthoring } from '../../../src/app/authoring/decodeAuthoring'

/** Given an authoring file's text, when it is decoded: its content, or its problem lines. */
export const decoded = (text: string, source = 'ledger.yaml'): AuthoringContent => {
  const r = decodeAuthoring({ source, text })
  if (E.isLeft(r)) throw new Error(`expected ${source} to decode, got ${JSON.stringify(r.left)}`)
  return r.right
}

export const problemsOf = (text: string, source = 'ledger.yaml'): ReadonlyArray<string> => {
  const r = decodeAuthoring({ source, text })
  if (E.isRight(r)) throw new Error(`expected ${source} to be refused`)
  expect(r.left._tag).toBe('InvalidInput')
  if (r.left._tag !== 'InvalidInput') return []
  expect(r.left.source).toBe(source)
  return r.left.problems
}

/** A valid release mapping, as YAML lines indented for a `releases:` list item. */
export const releaseYaml = (extra = '', changes = ''): string =>
  `releases:
  - id: pic-s1e01
    title: Remembrance
    series: "Star Trek: Picard"
    kind: episode
    date: 2020-01-23
${extra}${changes === '' ? '' : `    changes:\n${changes}`}`
