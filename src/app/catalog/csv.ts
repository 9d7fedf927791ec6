import * as E from 'fp-ts/Either'

/** One record of a CSV text, with the line it starts on (1-based) for messages. */
export interface CsvRecord {
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

export interface CsvError {
  readonly line: number
  readonly reason: string
}

/** Where the reader is within a field. */
type State = 'start' | 'plain' | 'quoted' | 'closed'

/**
 * Parses CSV as RFC 4180 writes it: fields separated by commas, records by LF or CRLF; a
 * field in double quotes may hold commas, line breaks and doubled quotes (`""`). A leading
 * byte-order mark is dropped; blank lines make no record. A quote left open, a quote inside
 * an unquoted field, or text after a closing quote is an error naming its line: nothing after
 * it could be read reliably.
 */
export const parseCsv = (input: string): E.Either<CsvError, ReadonlyArray<CsvRecord>> => {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let state: State = 'start'
  let line = 1
  let recordLine = 1
  const endField = (): void => {
    fields.push(field)
    field = ''
    state = 'start'
  }
  const endRecord = (): void => {
    const blank = fields.length === 0 && field === '' && state === 'start'
    if (!blank) {
      endField()
      records.push({ line: recordLine, fields })
    }
    fields = []
    state = 'start'
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const newline = c === '\n' || c === '\r'
    if (state === 'quoted') {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 1
      } else if (c === '"') state = 'closed'
      else {
        if (c === '\n') line += 1
        field += c
      }
      continue
    }
    if (newline) {
      endRecord()
      if (c === '\r' && text[i + 1] === '\n') i += 1
      line += 1
      recordLine = line
      continue
    }
    if (c === ',') {
      endField()
      continue
    }
    if (state === 'closed') return E.left({ line, reason: 'text follows a closing quote' })
    if (c === '"') {
      if (state === 'plain') return E.left({ line, reason: 'a quote inside an unquoted field' })
      state = 'quoted'
      continue
    }
    state = 'plain'
    field += c
  }
  if (state === 'quoted')
    return E.left({ line: recordLine, reason: 'a quoted field is never closed' })
  endRecord()
  return E.right(records)
}
