import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type * as TE from 'fp-ts/TaskEither'
import { afterEach } from 'vitest'
import type { StoreError } from '../../src/store/port'
import { describeStoreError } from '../../src/store/port'

/**
 * Fresh temporary folders for one spec file, each removed after its test: `given()` makes one.
 * Call at the top level of the spec (it registers the `afterEach`).
 */
export const tempDirs = (prefix: string): { readonly given: () => Promise<string> } => {
  const dirs: string[] = []
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })))
  })
  return {
    given: async () => {
      const dir = await mkdtemp(join(tmpdir(), prefix))
      dirs.push(dir)
      return dir
    },
  }
}

/** The value of a store task that must succeed (the test fails naming the error otherwise). */
export const succeeded = async <A>(te: TE.TaskEither<StoreError, A>): Promise<A> => {
  const result = await te()
  if (E.isLeft(result)) throw new Error(`expected success, got: ${describeStoreError(result.left)}`)
  return result.right
}
