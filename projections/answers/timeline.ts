import { formatInUniverseTime } from '../../src/domain/inUniverseTime'
import type { TimelineEntryAnswer } from '../port/answers'
import type { TimelineEntry } from '../reference/timeline'
import type { Naming } from './naming'
import { entityRef, renderValue } from './values'

export const timelineEntryAnswer = (naming: Naming, e: TimelineEntry): TimelineEntryAnswer => ({
  time: formatInUniverseTime(e.time),
  anchor: e.anchor,
  entity: entityRef(naming, e.entity),
  predicate: e.predicate,
  claim: e.claim,
  value: renderValue(naming, e.value),
  ...(e.validityNote === undefined ? {} : { validityNote: e.validityNote }),
  ...(e.story === undefined ? {} : { story: e.story }),
  ...(e.when === undefined ? {} : { when: e.when }),
  source: naming.release(e.source),
})
