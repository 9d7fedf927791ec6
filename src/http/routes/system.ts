import * as E from 'fp-ts/Either'
import type { LedgerDeps } from '../../app/ledger'
import { verifyLedger } from '../../app/verify'
import { describeChainBreak } from '../../domain/hashChain'
import { problemOfAppError, sendProblem } from '../problems'
import type { Route } from '../route'
import type { SnapshotSource } from '../snapshot'
import { boolean, decimal, integer, object, string } from '../openapi/jsonSchema'

export interface SystemDeps {
  readonly deps: LedgerDeps
  readonly writable: boolean
  readonly snapshots: SnapshotSource
}

const healthSchema = object(
  {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    store: string,
    reachable: boolean,
    universe: string,
    writable: boolean,
    ledgerPosition: decimal,
    reason: string,
  },
  ['ledgerPosition', 'reason'],
)

const verifySchema = object(
  {
    ok: boolean,
    checked: integer,
    head: string,
    firstBreak: object({ position: decimal, kind: string, detail: string }),
  },
  ['firstBreak'],
)

export const systemRoutes = (s: SystemDeps): ReadonlyArray<Route> => [
  {
    method: 'get',
    path: '/health',
    summary: 'Which store is in use and whether it is reachable',
    tag: 'system',
    responses: {
      200: { description: 'The store answers', schema: healthSchema },
      503: { description: 'The store does not answer', schema: healthSchema },
    },
    handle: async (_req, res) => {
      const ping = await s.deps.store.ping()()
      const base = {
        store: s.deps.store.description,
        universe: s.deps.universe,
        writable: s.writable,
      }
      if (E.isLeft(ping)) {
        res.status(503).json({
          ...base,
          status: 'unavailable',
          reachable: false,
          reason:
            ping.left._tag === 'Unavailable' ? 'the store cannot be reached' : 'the store failed',
        })
        return
      }
      const snapshot = await s.snapshots.current()()
      res.json({
        ...base,
        status: 'ok',
        reachable: true,
        ...(E.isRight(snapshot) ? { ledgerPosition: snapshot.right.position.toString() } : {}),
      })
    },
  },
  {
    method: 'get',
    path: '/v1/verify',
    summary: 'Walk the hash chain and report the first break, if any',
    tag: 'audit',
    responses: {
      200: {
        description: 'The chain was walked (ok says whether it is whole)',
        schema: verifySchema,
      },
      503: { description: 'The store is unavailable' },
    },
    handle: async (_req, res) => {
      const report = await verifyLedger(s.deps)()
      if (E.isLeft(report)) return sendProblem(res, problemOfAppError(report.left))
      const b = report.right.firstBreak
      res.json({
        ok: b === undefined,
        checked: report.right.checked,
        head: report.right.head,
        ...(b === undefined
          ? {}
          : {
              firstBreak: {
                position: b.position.toString(),
                kind: b._tag,
                detail: describeChainBreak(b),
              },
            }),
      })
    },
  },
]
