import { referenceReader } from '../../projections/reference/reader'
import { quickRuns, readerProperties } from './readerContract'
import { attributedAccounts } from './scenarios/attributedAccounts'
import { storyChanges } from './scenarios/storyChanges'
import { eraCalendars } from './scenarios/eraCalendars'
import { sourceWorks } from './scenarios/sourceWorks'

readerProperties('reference', referenceReader, quickRuns)
attributedAccounts('reference', referenceReader)
storyChanges('reference', referenceReader)
eraCalendars('reference', referenceReader)
sourceWorks('reference', referenceReader)
