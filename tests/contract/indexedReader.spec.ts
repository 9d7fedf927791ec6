import { indexedReader } from '../../projections/indexed/reader'
import { quickRuns, readerProperties } from './readerContract'

readerProperties('indexed', indexedReader, quickRuns)
