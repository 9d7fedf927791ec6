import type { Account } from '../../src/domain/change'
import type { InUniverseTime } from '../../src/domain/inUniverseTime'
import { formatInUniverseTime } from '../../src/domain/inUniverseTime'
import type {
  AccountAnswer,
  StoryAnswer,
  StoryChangeAnswer,
  StoryPhaseAnswer,
} from '../port/answers'
import type { StoryPhase } from '../reference/canon'
import type { Naming } from './naming'
import { entityRef, renderValue } from './values'

/** An account with its speakers named at the cut (one the cut does not admit is not named). */
export const accountAnswer = (naming: Naming, account: Account): AccountAnswer => ({
  as: account.as,
  by: account.by.map((speaker) => entityRef(naming, speaker)),
})

/** The account field of an answer, when there is one. */
export const accountField = (
  naming: Naming,
  account: Account | undefined,
): { readonly account?: AccountAnswer } =>
  account === undefined ? {} : { account: accountAnswer(naming, account) }

/** A change in the story as answers say it: whether the fact ends, and from when. */
export const storyChangeAnswer = (change: {
  readonly ends: boolean
  readonly from?: InUniverseTime
  readonly when?: string
}): StoryChangeAnswer => ({
  ends: change.ends,
  ...(change.from === undefined ? {} : { from: formatInUniverseTime(change.from) }),
  ...(change.when === undefined ? {} : { when: change.when }),
})

const phaseAnswer = (naming: Naming, phase: StoryPhase): StoryPhaseAnswer => ({
  ...(phase.value === undefined ? {} : { value: renderValue(naming, phase.value) }),
  ...(phase.valid?.from === undefined ? {} : { from: formatInUniverseTime(phase.valid.from) }),
  ...(phase.valid?.until === undefined ? {} : { until: formatInUniverseTime(phase.valid.until) }),
  ...(phase.valid?.note === undefined ? {} : { when: phase.valid.note }),
  release: naming.release(phase.release),
  ...accountField(naming, phase.account),
})

/** A fact's phases in the story, and whether it holds now (its last phase has a value). */
export const storyAnswer = (naming: Naming, phases: ReadonlyArray<StoryPhase>): StoryAnswer => ({
  holds: phases[phases.length - 1]?.value !== undefined,
  phases: phases.map((phase) => phaseAnswer(naming, phase)),
})
