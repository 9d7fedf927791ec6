import { referenceReader } from '../../projections/reference/reader'
import { quickRuns, readerProperties } from './readerContract'
import { readerScenarios } from './scenarios'

readerProperties('reference', referenceReader, quickRuns)
readerScenarios('reference', referenceReader)
