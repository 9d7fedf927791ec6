import type { OpenReader } from '../../readerContract'
import { starfallViewerScenarios } from './viewers'
import { starfallSpoilerScenarios } from './spoilers'
import { starfallCutScenarios } from './cuts'
import { starfallAuditScenarios } from './audit'

/** Starfall, the second franchise of the scenarios: viewers who skip, a prequel, spoilers,
 * every kind of cut, and audits read a page at a time. */
export const starfallScenarios = (name: string, open: OpenReader): void => {
  starfallViewerScenarios(name, open)
  starfallSpoilerScenarios(name, open)
  starfallCutScenarios(name, open)
  starfallAuditScenarios(name, open)
}
