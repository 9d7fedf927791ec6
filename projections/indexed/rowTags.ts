import type { ChangeTag, RevisionKind } from '../../src/domain/change'
import { RevisionKind as RevisionKindCodec } from '../../src/domain/change'

/** Change kinds as row tags (a byte per row); the kinds that act on a claim are contiguous. */
export const tag = {
  Introduced: 0,
  Appeared: 1,
  Aliased: 2,
  Asserted: 3,
  Confirmed: 4,
  Revised: 5,
  StoryChanged: 6,
  Retracted: 7,
  Identified: 8,
} as const satisfies Record<ChangeTag, number>

export const tagNames: ReadonlyArray<ChangeTag> = [
  'Introduced',
  'Appeared',
  'Aliased',
  'Asserted',
  'Confirmed',
  'Revised',
  'StoryChanged',
  'Retracted',
  'Identified',
]

/** Whether a row acts on a claim (its `rowA` is then a claim). */
export const isClaimTag = (t: number): boolean => t >= tag.Asserted && t <= tag.Retracted

/** Whether a row shows an entity (introduces it, or shows it appearing). */
export const isShowingTag = (t: number): boolean => t === tag.Introduced || t === tag.Appeared

export const revisionKinds = Object.keys(RevisionKindCodec.keys) as ReadonlyArray<RevisionKind>
