import { describe, expect, it } from 'vitest'
import { clientProblemOf, problemBase } from '../../../src/http/problems'

describe('given an error that reaches the last handler', () => {
  it("when express could not decode the request's path, then it is a 400 malformed-url", () => {
    const decode = Object.assign(new URIError("Failed to decode param '%E0%A4%A'"), { status: 400 })
    expect(clientProblemOf(decode)).toMatchObject({
      type: `${problemBase}malformed-url`,
      status: 400,
    })
  })

  it("when it is another client error, then it is a 400 naming its status; the server's own failures are not", () => {
    expect(clientProblemOf({ status: 431, message: 'headers too large' })).toMatchObject({
      status: 400,
      detail: 'the request could not be read (HTTP 431); nothing was done',
    })
    expect(clientProblemOf({ status: 500, message: 'boom' })).toBeUndefined()
    expect(clientProblemOf(new Error('boom'))).toBeUndefined()
  })
})
