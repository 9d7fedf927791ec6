import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Recorded } from '../../../../src/domain/events'
import { yamlLedger } from '../../../support/yamlLedger'

/** The ledgers these scenarios read, written in the authoring format beside this file. */
const ledger = (name: string): ReadonlyArray<Recorded> =>
  yamlLedger(`${name}.yaml`, readFileSync(join(__dirname, `${name}.yaml`), 'utf8'))

/** Five Star Wars films: Obi-Wan's account, a death and a return, years BBY and ABY. */
export const galaxyLedger = (): ReadonlyArray<Recorded> => ledger('galaxy')

/** A novel and the series that adapts it, in years AC and BC with no year zero. */
export const westerosLedger = (): ReadonlyArray<Recorded> => ledger('westeros')
