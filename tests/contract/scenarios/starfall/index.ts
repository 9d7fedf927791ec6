import type { OpenReader } from '../../readerContract'
import { starfallViewerScenarios } from './viewers'
import { starfallSpoilerScenarios } from './spoilers'

/** Starfall, the second franchise of the scenarios: viewers who skip, a prequel, spoilers. */
export const starfallScenarios = (name: string, open: OpenReader): void => {
  starfallViewerScenarios(name, open)
  starfallSpoilerScenarios(name, open)
}
