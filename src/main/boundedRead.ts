import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'

/** Read in pieces of this size, so a limit is checked before much more than it is held. */
const pieceBytes = 1024 * 1024

const overLimit = (limitBytes: number, size?: number): Error =>
  new Error(
    `${size === undefined ? 'it is' : `it is ${size} bytes,`} over the limit of ${limitBytes} bytes`,
  )

/**
 * Reads a file as UTF-8 text, refusing one over `limitBytes` BEFORE holding it: a regular
 * file by its size, anything else (a device such as /dev/zero, a pipe) by reading at most
 * one piece past the limit. Never holds more than the limit and a piece.
 */
export const readBounded = async (path: string, limitBytes: number): Promise<string> => {
  const handle = await open(path, 'r')
  try {
    const stat = await handle.stat()
    if (stat.isFile() && stat.size > limitBytes) throw overLimit(limitBytes, stat.size)
    const pieces: Buffer[] = []
    let total = 0
    const buffer = Buffer.alloc(pieceBytes)
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > limitBytes) throw overLimit(limitBytes)
      pieces.push(Buffer.from(buffer.subarray(0, bytesRead)))
    }
    return Buffer.concat(pieces).toString('utf8')
  } finally {
    await handle.close()
  }
}

/** Reads a stream (standard input) to its end as UTF-8 text, refusing it past `limitBytes`. */
export const readStreamBounded = (stream: Readable, limitBytes: number): Promise<string> =>
  new Promise((resolve, reject) => {
    const pieces: Buffer[] = []
    let total = 0
    const onData = (piece: Buffer): void => {
      total += piece.length
      if (total > limitBytes) {
        stream.off('data', onData)
        stream.pause()
        reject(overLimit(limitBytes))
        return
      }
      pieces.push(piece)
    }
    stream.on('data', onData)
    stream.once('end', () => resolve(Buffer.concat(pieces).toString('utf8')))
    stream.once('error', reject)
  })
