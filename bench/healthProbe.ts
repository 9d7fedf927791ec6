import { request } from 'node:http'
import { performance } from 'node:perf_hooks'

/**
 * `/health` asked one request at a time, every `everyMs`, until the parent sends `stop`, in a
 * process of its own: its latencies are not delayed by the load generator's event loop (the
 * clients reading the costly answers). Answers `stop` with the latencies (ms) over IPC.
 */
const [url = '', everyMs = '10'] = process.argv.slice(2)

const once = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const t = performance.now()
    const req = request(url, (res) => {
      res.resume()
      res.on('end', () => resolve(performance.now() - t))
    })
    req.on('error', reject)
    req.end()
  })

const main = async (): Promise<void> => {
  const samples: number[] = []
  let stopped = false
  process.on('message', (m: unknown) => {
    if (m === 'stop') stopped = true
  })
  process.send?.('started')
  while (!stopped) {
    samples.push(await once())
    await new Promise((resolve) => setTimeout(resolve, Number(everyMs)))
  }
  process.send?.(samples, () => process.exit(0))
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
