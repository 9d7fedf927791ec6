/**
 * The series codes of the episode lists (data/star-trek-episodes-1966-2005.csv and
 * data/star-trek-episodes-2017-2024.csv), spelled out. `prefix` starts the release ids of the
 * series' releases (`tos-s1e01`). `premiered` is set only where a source here gives the series'
 * first release (data/README.md gives Discovery's, 2017-09-24, "The Vulcan Hello"): a row of the
 * series dated before it cannot be an episode.
 */
export interface SeriesInfo {
  readonly name: string
  readonly prefix: string
  readonly premiered?: { readonly date: string; readonly title: string }
  /** What its numbered rows are; `episode` unless said. */
  readonly kind?: 'episode' | 'short'
  /**
   * `title`: ids are made from the title (`st-children-of-mars`), not the number. Short Treks
   * are stand-alone shorts whose numbering the sources dispute (data/README.md: 2-4 and 2-5 came
   * out on one day, in an order trekmovie and Memory Alpha give differently).
   */
  readonly ids?: 'number' | 'title'
}

const discovery: SeriesInfo = {
  name: 'Star Trek: Discovery',
  prefix: 'dis',
  premiered: { date: '2017-09-24', title: 'The Vulcan Hello' },
}

export const seriesCodes: ReadonlyMap<string, SeriesInfo> = new Map([
  ['TOS', { name: 'Star Trek: The Original Series', prefix: 'tos' }],
  ['TAS', { name: 'Star Trek: The Animated Series', prefix: 'tas' }],
  ['TNG', { name: 'Star Trek: The Next Generation', prefix: 'tng' }],
  ['DS9', { name: 'Star Trek: Deep Space Nine', prefix: 'ds9' }],
  ['VOY', { name: 'Star Trek: Voyager', prefix: 'voy' }],
  ['ENT', { name: 'Star Trek: Enterprise', prefix: 'ent' }],
  // The lists write Discovery as STD; DIS is the usual code.
  ['STD', discovery],
  ['DIS', discovery],
  ['ST', { name: 'Star Trek: Short Treks', prefix: 'st', kind: 'short', ids: 'title' }],
  ['PIC', { name: 'Star Trek: Picard', prefix: 'pic' }],
  ['LD', { name: 'Star Trek: Lower Decks', prefix: 'ld' }],
  ['PRO', { name: 'Star Trek: Prodigy', prefix: 'pro' }],
  ['SNW', { name: 'Star Trek: Strange New Worlds', prefix: 'snw' }],
])
