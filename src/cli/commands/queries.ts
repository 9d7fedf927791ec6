import type { Command } from 'commander'
import type { CliContext } from '../context'
import { registerShow } from './show'
import { registerSearch } from './search'
import { registerDiff } from './diff'
import { registerHistory } from './history'
import { registerTimeline } from './timeline'
import { registerReleases } from './releases'

/** Every command that reads canon, each through the read port; every one takes every cut. */
export const registerQueries = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  registerShow(program, ctx, done)
  registerSearch(program, ctx, done)
  registerDiff(program, ctx, done)
  registerHistory(program, ctx, done)
  registerTimeline(program, ctx, done)
  registerReleases(program, ctx, done)
}
