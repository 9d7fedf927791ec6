import type { RequestHandler } from 'express'
import type { ChainGuard } from '../app/chainGuard'
import { problem, sendProblem } from './problems'

/** Routes that still answer once the ledger failed a check: the page, /health and /v1/verify. */
const stillAnswered = (path: string): boolean => !path.startsWith('/v1/') || path === '/v1/verify'

/**
 * Once a read found the ledger's chain broken (an event altered, the stream truncated or
 * rewritten under the running server), the server stops serving it: every ledger route
 * answers 503 saying where and why, until an operator has looked and restarted it. /health
 * reports the same, and /v1/verify still walks the chain.
 */
export const refuseWhenUntrusted =
  (guard: Pick<ChainGuard, 'broken'>): RequestHandler =>
  (req, res, next) => {
    const fault = guard.broken()
    if (fault === undefined || stillAnswered(req.path)) return next()
    sendProblem(
      res,
      problem(
        'ledger-untrusted',
        `the ledger failed its integrity check at position ${fault.position}: ${fault.reason}; this server no longer serves it (run 'canon verify', then restart the server)`,
        { position: fault.position.toString() },
      ),
    )
  }
