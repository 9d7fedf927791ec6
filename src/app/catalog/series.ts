/**
 * The series codes of the episode list (data/star-trek-episodes-1966-2005.csv), spelled out.
 * `prefix` starts the release ids of the series' episodes (`tos-s1e01`). `premiered` is set
 * only where a source here gives the series' first release (data/README.md gives Discovery's,
 * 2017-09-24, "The Vulcan Hello"): a row of the series dated before it cannot be an episode.
 */
export interface SeriesInfo {
  readonly name: string
  readonly prefix: string
  readonly premiered?: { readonly date: string; readonly title: string }
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
  // The list writes Discovery as STD; DIS is the usual code.
  ['STD', discovery],
  ['DIS', discovery],
])
