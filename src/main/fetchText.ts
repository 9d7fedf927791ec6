/** How long a checkpoint URL may take to answer. */
const fetchTimeoutMs = 10_000

/**
 * Fetches a small text (a checkpoint published at another server's /v1/head) over http(s),
 * refusing a non-2xx answer, one that takes too long, and a body over `limitBytes`.
 */
export const fetchText = async (url: string, limitBytes: number): Promise<string> => {
  if (!/^https?:\/\//i.test(url)) throw new Error('only http:// and https:// URLs are fetched')
  const response = await fetch(url, {
    signal: AbortSignal.timeout(fetchTimeoutMs),
    redirect: 'error',
  })
  if (!response.ok) throw new Error(`it answered ${response.status} ${response.statusText}`)
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > limitBytes) throw new Error(`its answer is over the limit of ${limitBytes} bytes`)
  const text = await response.text()
  if (Buffer.byteLength(text, 'utf8') > limitBytes)
    throw new Error(`its answer is over the limit of ${limitBytes} bytes`)
  return text
}
