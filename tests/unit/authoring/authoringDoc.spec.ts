import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { decodeAuthoring } from '../../../src/app/authoring/decodeAuthoring'
import { describeAppError } from '../../../src/app/errors'

/**
 * docs/authoring.md shows every form in a few lines of YAML: each example of changes (a list of
 * changes) decodes inside a release, and each example of calendars or corrections decodes as a
 * file, so the reference cannot drift from the format.
 */
const doc = readFileSync(join(__dirname, '../../../docs/authoring.md'), 'utf8')
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '')

const asFile = (block: string): string | undefined => {
  if (block.startsWith('- '))
    return `releases:\n  - id: doc\n    title: Doc\n    series: S\n    kind: episode\n    date: 2020-01-01\n    changes:\n${block
      .split('\n')
      .map((l) => (l === '' ? l : `      ${l}`))
      .join('\n')}`
  return /^(calendars|corrections):\n/.test(block) ? block : undefined
}

describe('given the authoring reference (docs/authoring.md)', () => {
  const examples = blocks.flatMap((b) => {
    const file = asFile(b)
    return file === undefined ? [] : [file]
  })

  it('when its examples are counted, then every change form and the calendars and corrections are among them', () => {
    const text = examples.join('\n')
    for (const form of [
      'introduce:',
      'appear:',
      'alias:',
      'identify:',
      'assert:',
      'confirm:',
      'revise:',
      'retract:',
      'becomes:',
      'ends:',
      'saidBy:',
      'believedBy:',
      'calendars:',
      'corrections:',
    ])
      expect(text, form).toContain(form)
  })

  it.each(examples.map((e, i) => [i, e] as const))(
    'when example %i is decoded, then it is a valid authoring file',
    (_i, text) => {
      const r = decodeAuthoring({ source: 'docs/authoring.md', text })
      expect(E.isLeft(r) ? describeAppError(r.left) : '').toBe('')
    },
  )
})
