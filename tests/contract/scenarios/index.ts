import type { OpenReader } from '../readerContract'
import { auditScenarios } from './audit'
import { diffScenarios } from './diff'
import { generatedLedgerScenarios } from './generated'
import { lookupScenarios } from './lookup'
import { marsAttackScenarios } from './marsAttack'
import { secondarySourceScenarios } from './secondarySources'
import { appendOrderScenarios } from './appendOrder'
import { hiddenReferenceScenarios } from './hiddenReferences'
import { oldLedgerScenarios } from './oldLedgers'
import { timelineAndCatalogScenarios } from './timelineAndCatalog'
import { starfallScenarios } from './starfall'
import { attributedAccounts } from './attributedAccounts'
import { storyChanges } from './storyChanges'
import { eraCalendars } from './eraCalendars'
import { sourceWorks } from './sourceWorks'

/**
 * THE scenario script of the read port, in the manner of sqllogictest: fixed ledgers, reads,
 * and the answers expected, registered for one reader. Every reader's spec runs it with one
 * line, so every reader answers the same script.
 */
export const readerScenarios = (name: string, open: OpenReader): void => {
  marsAttackScenarios(name, open)
  secondarySourceScenarios(name, open)
  appendOrderScenarios(name, open)
  hiddenReferenceScenarios(name, open)
  lookupScenarios(name, open)
  auditScenarios(name, open)
  diffScenarios(name, open)
  timelineAndCatalogScenarios(name, open)
  starfallScenarios(name, open)
  oldLedgerScenarios(name, open)
  generatedLedgerScenarios(name, open)
  attributedAccounts(name, open)
  storyChanges(name, open)
  eraCalendars(name, open)
  sourceWorks(name, open)
}
