import * as E from 'fp-ts/Either'
import type { CsvRecord } from './csv'
import type { CatalogProblem } from './problems'

/** A file the importer cannot read at all: the line and the reason. */
export type CatalogFileError = { readonly line: number; readonly reason: string }

/**
 * Reads a CSV file's records under its expected header, each with `readOne`: total over rows (a
 * row it cannot take is a problem, never a stop); only a wrong or missing header refuses the file.
 */
export const readRecords = <A>(
  records: ReadonlyArray<CsvRecord>,
  header: ReadonlyArray<string>,
  readOne: (record: CsvRecord) => E.Either<CatalogProblem, A>,
): E.Either<CatalogFileError, { readonly items: A[]; readonly problems: CatalogProblem[] }> => {
  const [head, ...data] = records
  const expected = header.join(',')
  if (head === undefined)
    return E.left({ line: 1, reason: `the file is empty: expected the header ${expected}` })
  if (head.fields.map((f) => f.trim()).join(',') !== expected)
    return E.left({
      line: head.line,
      reason: `expected the header ${expected}, found ${head.fields.join(',')}`,
    })
  const items: A[] = []
  const problems: CatalogProblem[] = []
  for (const record of data) {
    const one = readOne(record)
    if (E.isLeft(one)) problems.push(one.left)
    else items.push(one.right)
  }
  return E.right({ items, problems })
}
