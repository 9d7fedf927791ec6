import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../../src/app/catalog/csv'
import { slugOf } from '../../../src/app/catalog/catalogRows'

const fieldsOf = (text: string) => {
  const r = parseCsv(text)
  if (E.isLeft(r)) throw new Error(`expected records, got ${JSON.stringify(r.left)}`)
  return r.right.map((record) => [record.line, ...record.fields])
}

const errorOf = (text: string) => {
  const r = parseCsv(text)
  if (E.isRight(r)) throw new Error(`expected an error, got ${JSON.stringify(r.right)}`)
  return r.left
}

describe('given CSV text', () => {
  it('when fields are quoted, then commas, doubled quotes and line breaks inside them are data', () => {
    expect(fieldsOf('a,"b, c","say ""hi""","two\nlines",e\nf,g\n')).toEqual([
      [1, 'a', 'b, c', 'say "hi"', 'two\nlines', 'e'],
      [3, 'f', 'g'],
    ])
  })

  it('when records end in CRLF, LF or nothing, then each gives one record, blank lines none', () => {
    expect(fieldsOf('a,b\r\nc,d\n\ne,f')).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
      [4, 'e', 'f'],
    ])
  })

  it('when fields are empty, quoted or not, then they are kept as empty strings', () => {
    expect(fieldsOf('a,,""\n,\n""\n')).toEqual([
      [1, 'a', '', ''],
      [2, '', ''],
      [3, ''],
    ])
  })

  it('when the text starts with a byte-order mark, then it is not part of the first field', () => {
    expect(fieldsOf('\uFEFFSeries,Episode\n')).toEqual([[1, 'Series', 'Episode']])
  })

  it('when a quote is never closed, then the error names the line where the field opened', () => {
    expect(errorOf('a,b\nc,"d\ne,f\n')).toEqual({
      line: 2,
      reason: 'a quoted field is never closed',
    })
  })

  it('when text follows a closing quote or a quote sits inside a plain field, then it is an error at its line', () => {
    expect(errorOf('a\n"b"c\n')).toEqual({ line: 2, reason: 'text follows a closing quote' })
    expect(errorOf('a\nb"c\n')).toEqual({ line: 2, reason: 'a quote inside an unquoted field' })
  })
})

describe('given a film title', () => {
  it('when it is made a release id, then it is lower-case ASCII words joined by hyphens', () => {
    expect(slugOf('Star Trek Into Darkness')).toBe('star-trek-into-darkness')
    expect(slugOf('Déjà Q')).toBe('deja-q')
    expect(slugOf('All Good Things...')).toBe('all-good-things')
  })
})
