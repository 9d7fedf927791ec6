import { describe, expect, it } from 'vitest'
import { yamlLimits } from '../../../src/app/authoring/safeYaml'
import { problemsOf } from './support'

describe('given a hostile authoring file', () => {
  it('when aliases expand exponentially (a billion laughs), then it is refused without expanding', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`)
    }
    const problems = problemsOf(`${levels.join('\n')}\n`)
    expect(problems.join('\n')).toMatch(/alias/i)
  })

  it('when flow collections nest thousands deep, then it is refused before parsing', () => {
    const n = 100_000
    const problems = problemsOf(`releases: ${'['.repeat(n)}${']'.repeat(n)}\n`)
    expect(problems).toEqual([`nesting is deeper than ${yamlLimits.maxDepth} levels`])
  })

  it('when block mappings nest deeper than the limit, then the path of the deep place is given', () => {
    const depth = yamlLimits.maxDepth + 5
    const text =
      Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n'
    const problems = problemsOf(text)
    expect(problems.join('\n')).toMatch(/nesting is deeper than \d+ levels/)
    expect(problems[0]).toMatch(/^at k0\.k1\.k2/)
  })

  it('when the document is larger than the limit, then it is refused with its size', () => {
    const problems = problemsOf(`# ${'x'.repeat(yamlLimits.maxBytes)}\nreleases: []\n`)
    expect(problems[0]).toMatch(/bytes, over the limit of/)
  })

  it.each(['__proto__', 'constructor', 'prototype'])(
    'when a mapping has the key %s, then it is refused and no prototype is touched',
    (key) => {
      const problems = problemsOf(`releases:\n  - ${key}: { polluted: true }\n    id: x\n`)
      expect(problems).toEqual([`at releases[0].${key}: the key '${key}' is not allowed`])
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      expect(Object.prototype).not.toHaveProperty('polluted')
    },
  )

  it('when a custom tag asks for a JavaScript type, then it is not resolved to code', () => {
    const problems = problemsOf('releases: !!js/function "function () { return 1 }"\n')
    expect(problems.length).toBeGreaterThan(0)
  })

  it('when a merge key is used, then it is not merged silently', () => {
    const problems = problemsOf(
      'base: &base { title: T }\nreleases:\n  - <<: *base\n    id: x\n    series: S\n    kind: film\n    date: 2020-01-01\n',
    )
    expect(problems.join('\n')).toMatch(/unknown key '(<<|base)'/)
  })
})
