import * as E from 'fp-ts/Either'
import type { LedgerEvent } from '../../../src/domain/events'
import type { CanonPolicy } from '../../../src/domain/canonPolicy'
import { onScreenOnly } from '../../../src/domain/canonPolicy'
import { ledgerView } from '../../../projections/ledgerView'
import type { LedgerView, ReleaseView } from '../../../projections/ledgerView'
import type { ReleaseCut } from '../../../projections/cut'
import { admittedReleases, latest } from '../../../projections/cut'
import type { CanonState } from '../../../projections/canon'
import { claimOrigins, foldCanon } from '../../../projections/canon'
import { recordedLedger } from '../../support/builders'

/** Given these events in ledger order, the view and canon at a cut (the naive fold). */
export const given = (...events: ReadonlyArray<LedgerEvent>) => {
  const recorded = recordedLedger(events)
  return {
    recorded,
    view: (at?: bigint): LedgerView => ledgerView(recorded, at),
    admitted: (cut: ReleaseCut = latest, at?: bigint): ReadonlyArray<ReleaseView> => {
      const r = admittedReleases(ledgerView(recorded, at), cut)
      if (E.isLeft(r)) throw new Error(`the spec's cut names an unknown release ${r.left.release}`)
      return r.right
    },
    canon: (
      cut: ReleaseCut = latest,
      policy: CanonPolicy = onScreenOnly,
      at?: bigint,
    ): CanonState => {
      const view = ledgerView(recorded, at)
      const r = admittedReleases(view, cut)
      if (E.isLeft(r)) throw new Error(`the spec's cut names an unknown release ${r.left.release}`)
      return foldCanon(r.right, policy, claimOrigins(view.releases))
    },
  }
}
