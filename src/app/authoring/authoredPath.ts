import type { Change } from '../../domain/change'
import type { FilePath } from './fileCodec'

/** The key an author writes a change's target under: its verb. */
const verbOf = (change: Change): string => {
  switch (change._tag) {
    case 'Introduced':
      return 'introduce'
    case 'Appeared':
      return 'appear'
    case 'Aliased':
      return 'alias'
    case 'Asserted':
      return 'assert'
    case 'Confirmed':
      return 'confirm'
    case 'Revised':
      return 'revise'
    case 'StoryChanged':
      return change.value === undefined ? 'ends' : 'becomes'
    case 'Retracted':
      return 'retract'
    case 'Identified':
      return 'identify'
    default: {
      const never: never = change
      return never
    }
  }
}

/**
 * A field of a domain change, as its author wrote it: the claim or entity a change acts on sits
 * under its verb (`confirm:`, `becomes:`), an account under `saidBy:` or `believedBy:`; other
 * fields keep their names. So a refusal points at the key the author typed.
 */
export const authoredField = (change: Change | undefined, field: FilePath): FilePath => {
  const [first, ...rest] = field
  if (change === undefined || first === undefined) return field
  if (first === 'claim' || (first === 'entity' && change._tag !== 'Aliased'))
    return [verbOf(change), ...rest]
  if (first === 'entity') return ['alias', ...rest]
  if (first === 'account' && 'account' in change && change.account !== undefined)
    return [change.account.as === 'said' ? 'saidBy' : 'believedBy', ...rest]
  return field
}
