import { describe, expect, it } from 'vitest'
import { hasTokenInQuery, minimumTokenBytes, sameToken, tokenProblem } from '../../../src/http/auth'
import { loggableUrl } from '../../../src/http/requestLog'

const token = 'f3a9c2e1d4b5a6978877665544332211'

describe('given a write token', () => {
  it('when it is compared, then only the exact token matches: a prefix, a longer one, another case are refused, whatever their length', () => {
    expect(sameToken(token, token)).toBe(true)
    for (const given of [token.slice(0, -1), `${token}0`, token.toUpperCase(), '', 'x'])
      expect(sameToken(token, given), given).toBe(false)
  })

  it('when it is shorter than 32 bytes or holds white space, then it is refused as a write token, saying the rule', () => {
    expect(minimumTokenBytes).toBe(32)
    expect(tokenProblem(token)).toBeUndefined()
    expect(tokenProblem('x')).toBe(
      'CANON_TOKEN is 1 bytes; a write token must be at least 32 (for example: openssl rand -hex 32)',
    )
    expect(tokenProblem('s'.repeat(31))).toMatch(/31 bytes/)
    expect(tokenProblem(`${token} ${token}`)).toMatch(/white space/)
  })

  it('when a URL carries it in any parameter, or a credential-named parameter, then that is seen', () => {
    expect(hasTokenInQuery({ q: token }, token)).toBe(true)
    expect(hasTokenInQuery({ access_token: 'anything' }, token)).toBe(true)
    expect(hasTokenInQuery({ q: 'mars' }, token)).toBe(false)
  })

  it('when a URL is logged, then the token is redacted wherever it is, raw or percent-encoded', () => {
    const odd = 'a+b/c=d&e f:g;h@i#j?k%l0123456789012'
    for (const url of [
      `/v1/search?q=${odd}`,
      `/v1/search?q=${encodeURIComponent(odd)}`,
      `/v1/entities/event/${encodeURIComponent(odd)}`,
      `/v1/releases?password=secret&x=1`,
    ]) {
      const shown = loggableUrl(url, odd)
      expect(shown, url).not.toContain(odd)
      expect(shown, url).not.toContain(encodeURIComponent(odd))
      expect(shown, url).not.toContain('secret')
      expect(shown, url).toContain('[redacted]')
    }
  })
})
