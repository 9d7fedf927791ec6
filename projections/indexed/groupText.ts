import type { At } from './at'
import { entityAt, groupAt } from './entityFold'

/** The aliases of a group at the cut: the root's, then each member's name and aliases, once. */
export const groupAliases = (at: At, root: number): ReadonlyArray<string> => {
  const entity = entityAt(at, root)
  if (entity === undefined) return []
  const others = groupAt(at, root).filter((m) => m.e !== root)
  return [
    ...new Set(
      others.length === 0
        ? entity.aliases
        : [...entity.aliases, ...others.flatMap((m) => [m.name, ...m.aliases])],
    ),
  ].filter((a) => a !== entity.name)
}
