import { indexedReader, indexedReaderWith } from '../../projections/indexed/reader'
import { quickRuns, readerProperties } from './readerContract'

readerProperties('indexed', indexedReader, quickRuns)

// Every read gathered from posting lists is also read by walking release order on large
// ledgers: with no gathering at all, the small generated ledgers walk every such path too.
readerProperties('indexed (walking release order)', indexedReaderWith({ gatherAtMost: 0 }), {
  ...quickRuns,
  runs: Math.ceil(quickRuns.runs / 2),
})
