import { referenceReader } from '../../projections/reference/reader'
import { quickRuns, readerProperties } from './readerContract'

readerProperties('reference', referenceReader, quickRuns)
