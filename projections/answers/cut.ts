import type { CanonPolicy } from '../../src/domain/canonPolicy'
import { formatCanonPolicy } from '../../src/domain/canonPolicy'
import type { Release } from '../../src/domain/release'
import type { CutAnswer } from '../port/answers'
import type { ReleaseCut } from '../port/cut'
import { releaseRef } from './releaseRef'

/** Where an answer stands: the cut as asked, and how much of the ledger it admits. */
export const cutAnswer = (
  cut: ReleaseCut,
  policy: CanonPolicy,
  ledgerPosition: bigint,
  admitted: { readonly count: number; readonly last: Release | undefined },
): CutAnswer => ({
  cut,
  policy: formatCanonPolicy(policy),
  ledgerPosition: ledgerPosition.toString(),
  lastRelease: admitted.last === undefined ? null : releaseRef(admitted.last),
  releasesAdmitted: admitted.count,
})
