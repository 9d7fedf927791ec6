import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ChainLink, Hasher } from '../../../src/domain/hashChain'
import {
  describeChainBreak,
  genesisHash,
  linkHash,
  linkText,
  verifyChain,
} from '../../../src/domain/hashChain'
import { canonicalJson } from '../../../src/domain/json'
import { eventSchemaVersion } from '../../../src/domain/events'
import { corrected, fixRelease, recordedLedger } from '../../support/builders'
import { text } from '../../../src/domain/ids'
import { wholeArc } from './marsAttack'

const sha256: Hasher = (s) => createHash('sha256').update(s).digest('hex')

const events = [
  ...wholeArc,
  corrected(fixRelease('fix-title', 'pic-s1e01', { title: text('Remembrance') })),
]

/** The chain as a store keeps it: JSON data and metadata per position. */
const storedChain = (): ReadonlyArray<ChainLink> =>
  recordedLedger(events, { universe: 'star-trek', hash: sha256 }).map((r) => ({
    position: r.position,
    type: r.event._tag,
    data: JSON.parse(JSON.stringify(r.event)) as unknown,
    metadata: {
      schema: eventSchemaVersion,
      recordedAt: r.recordedAt,
      prevHash: r.prevHash,
      hash: r.hash,
    },
  }))

const verify = (links: ReadonlyArray<ChainLink>, universe = 'star-trek') =>
  verifyChain(universe, links, sha256)

/** Flips one letter of the link's JSON data (a key or a value), keeping the JSON valid. */
const alterOneByte = (link: ChainLink, nth: number): ChainLink => {
  const json = JSON.stringify(link.data)
  const letters = [...json.matchAll(/[a-z]/g)].map((m) => m.index)
  const at = letters[nth % letters.length]!
  const flipped = json[at] === 'z' ? 'a' : String.fromCharCode(json.charCodeAt(at) + 1)
  return { ...link, data: JSON.parse(json.slice(0, at) + flipped + json.slice(at + 1)) as unknown }
}

const renumbered = (links: ReadonlyArray<ChainLink>): ReadonlyArray<ChainLink> =>
  links.map((l, i) => ({ ...l, position: BigInt(i) }))

describe('the hash chain', () => {
  describe('given a chain as recorded', () => {
    const chain = storedChain()

    it('verifies every link and ends at the last event’s hash', () => {
      const result = verify(chain)
      expect(result.firstBreak).toBeUndefined()
      expect(result.checked).toBe(events.length)
      expect(result.head).toBe((chain.at(-1)!.metadata as { hash: string }).hash)
    })

    it('starts from the universe’s genesis: an empty chain verifies to it', () => {
      expect(verify([])).toEqual({
        checked: 0,
        firstBreak: undefined,
        head: genesisHash('star-trek', sha256),
      })
    })

    it('does not verify as another universe’s chain', () => {
      expect(verify(chain, 'star-wars').firstBreak).toMatchObject({
        _tag: 'LinkBroken',
        position: 0n,
      })
    })
  })

  describe('when one byte of one event is altered', () => {
    it('names that event’s position as altered, wherever the byte is', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: events.length - 1 }), fc.nat(), (position, nth) => {
          const chain = storedChain().map((l, i) => (i === position ? alterOneByte(l, nth) : l))
          const { firstBreak, checked } = verify(chain)
          expect(firstBreak).toEqual({ _tag: 'HashMismatch', position: BigInt(position) })
          expect(checked).toBe(position)
        }),
        { numRuns: 60 },
      )
    })

    it('names the position of an altered recording time', () => {
      const chain = storedChain().map((l, i) =>
        i === 2
          ? {
              ...l,
              metadata: { ...(l.metadata as object), recordedAt: '2026-01-01T00:00:09.000Z' },
            }
          : l,
      )
      const { firstBreak } = verify(chain)
      expect(firstBreak).toEqual({ _tag: 'HashMismatch', position: 2n })
      expect(describeChainBreak(firstBreak!)).toContain('position 2 was altered')
    })

    it('names the next position when the forger also rewrote the altered event’s hash', () => {
      const original = storedChain()
      const forged = alterOneByte(original[2]!, 5)
      const meta = forged.metadata as { recordedAt: string; prevHash: string }
      const newHash = linkHash(
        {
          type: forged.type,
          data: forged.data,
          recordedAt: meta.recordedAt,
          prevHash: meta.prevHash,
        },
        sha256,
      )
      const chain = original.map((l, i) =>
        i === 2 ? { ...forged, metadata: { ...(forged.metadata as object), hash: newHash } } : l,
      )
      expect(verify(chain).firstBreak).toMatchObject({ _tag: 'LinkBroken', position: 3n })
    })
  })

  describe('when one event is deleted', () => {
    it('names the gap when positions are kept as stored', () => {
      const chain = storedChain().filter((_, i) => i !== 2)
      const { firstBreak } = verify(chain)
      expect(firstBreak).toEqual({ _tag: 'PositionGap', position: 3n, expected: 2n })
      expect(describeChainBreak(firstBreak!)).toContain('position 2')
    })

    it('names the position after the deleted one when positions were renumbered', () => {
      const chain = renumbered(storedChain().filter((_, i) => i !== 2))
      expect(verify(chain).firstBreak).toMatchObject({ _tag: 'LinkBroken', position: 2n })
    })

    it('changes the head when the last event is deleted (compare it with the known head)', () => {
      const chain = storedChain()
      const result = verify(chain.slice(0, -1))
      expect(result.firstBreak).toBeUndefined()
      expect(result.head).not.toBe(verify(chain).head)
    })
  })

  describe('when two events are reordered', () => {
    const swapped = (links: ReadonlyArray<ChainLink>) =>
      links.map((l, i) => (i === 1 ? links[2]! : i === 2 ? links[1]! : l))

    it('names the first moved position when positions were renumbered', () => {
      const { firstBreak } = verify(renumbered(swapped(storedChain())))
      expect(firstBreak).toMatchObject({ _tag: 'LinkBroken', position: 1n })
      expect(describeChainBreak(firstBreak!)).toContain('position 1')
    })

    it('names the first moved position when positions moved with the events', () => {
      expect(verify(swapped(storedChain())).firstBreak).toEqual({
        _tag: 'PositionGap',
        position: 2n,
        expected: 1n,
      })
    })
  })

  describe('when an event’s metadata lacks the chain fields', () => {
    it('names it as unreadable', () => {
      const chain = storedChain().map((l, i) => (i === 1 ? { ...l, metadata: { schema: 1 } } : l))
      expect(verify(chain).firstBreak).toMatchObject({ _tag: 'Undecodable', position: 1n })
    })
  })

  describe('given the text of each event’s data as a store keeps it', () => {
    /** Each link with its data's text as stored: canonical (as written), or in another form. */
    const withText = (form: (data: unknown) => string) =>
      storedChain().map((l) => {
        const dataText = form(l.data)
        return { ...l, data: JSON.parse(dataText) as unknown, dataText }
      })
    const spaced = (data: unknown) => JSON.stringify(data, null, 1)
    const verdict = (links: ReadonlyArray<ChainLink>) => {
      const { checked, firstBreak, head } = verify(links)
      return { checked, firstBreak, head }
    }
    const plainOf = (links: ReadonlyArray<ChainLink>) =>
      links.map(({ dataText: _, ...link }) => link)

    it('then the text a link is hashed over is the canonical JSON of its content, written around its data’s', () => {
      fc.assert(
        fc.property(fc.jsonValue(), fc.string(), fc.string(), fc.string(), (data, a, b, c) => {
          const rest = { type: a, recordedAt: b, prevHash: c }
          expect(linkText(canonicalJson(data), rest)).toBe(canonicalJson({ data, ...rest }))
        }),
        { numRuns: 500 },
      )
    })

    it('when the text is canonical, in another form, or both in turn, then the chain verifies as it does from the data alone', () => {
      const canonicalThenNot = withText(canonicalJson)
      const notThenCanonical = withText(spaced)
      const mixed = [
        ...canonicalThenNot.slice(0, 3),
        ...notThenCanonical.slice(3, 6),
        ...canonicalThenNot.slice(6),
      ]
      for (const links of [...[canonicalJson, JSON.stringify, spaced].map(withText), mixed]) {
        expect(verdict(links)).toEqual(verdict(plainOf(links)))
        expect(verdict(links).firstBreak).toBeUndefined()
      }
    })

    it('when one byte of one event’s stored text is altered, then that position is named, as from the data alone', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: events.length - 1 }),
          fc.nat(),
          fc.constantFrom(canonicalJson, spaced),
          (position, nth, form) => {
            const chain = withText(form).map((l, i) => {
              if (i !== position) return l
              const altered = alterOneByte(l, nth)
              return { ...altered, dataText: form(altered.data) }
            })
            expect(verdict(chain)).toEqual(verdict(plainOf(chain)))
            expect(verdict(chain).firstBreak).toEqual({
              _tag: 'HashMismatch',
              position: BigInt(position),
            })
          },
        ),
        { numRuns: 60 },
      )
    })

    it('when an altered recording time or a rewritten hash meets canonical text, then the break is named as from the data alone', () => {
      const original = withText(canonicalJson)
      const retimed = original.map((l, i) =>
        i === 2
          ? {
              ...l,
              metadata: { ...(l.metadata as object), recordedAt: '2026-01-01T00:00:09.000Z' },
            }
          : l,
      )
      expect(verdict(retimed).firstBreak).toEqual({ _tag: 'HashMismatch', position: 2n })
      const rehashed = original.map((l, i) =>
        i === 2 ? { ...l, metadata: { ...(l.metadata as object), hash: 'f'.repeat(64) } } : l,
      )
      expect(verdict(rehashed)).toEqual(verdict(plainOf(rehashed)))
      expect(verdict(rehashed).firstBreak).toEqual({ _tag: 'HashMismatch', position: 2n })
    })
  })
})
