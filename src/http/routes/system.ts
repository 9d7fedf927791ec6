import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import type { LedgerDeps } from '../../app/ledger'
import * as TE from 'fp-ts/TaskEither'
import type { LedgerWalk, VerifyReport } from '../../app/verify'
import { verified, verifyLedger } from '../../app/verify'
import type { StoredHead, WalkAtHead, Walking } from '../../app/walkPerHead'
import { storedHead } from '../../app/walkPerHead'
import type { Anchor } from '../../app/anchor'
import { describeAnchorMiss, parseAnchor } from '../../app/anchor'
import type { ChainFault, ChainTip } from '../../app/chainGuard'
import type { HeadSigner } from '../../app/checkpoint'
import { checkpointOf } from '../../app/checkpoint'
import type { AppError } from '../../app/errors'
import type { StoreFailure } from '../../app/storeWatch'
import { describeChainBreak } from '../../domain/hashChain'
import type { StoreError } from '../../store/port'
import { problem, problemOfAppError, sendProblem, withRetryAfter } from '../problems'
import { queryDecoder } from '../queryCodecs'
import type { Route } from '../route'
import type { SnapshotSource } from '../snapshot'
import { array, boolean, decimal, integer, object, string } from '../openapi/jsonSchema'

export interface SystemDeps {
  /** The store as opened: /v1/verify walks what is stored, whatever the server has found. */
  readonly deps: LedgerDeps
  readonly writable: boolean
  readonly snapshots: SnapshotSource
  /** The fault the server's reads found in the chain, if any (it then serves nothing). */
  readonly broken: () => ChainFault | undefined
  /** A store failure that still stands (reads or the follower failing), if any. */
  readonly failing: () => StoreFailure | undefined
  /** The last link of the chain the server checked. */
  readonly head: () => ChainTip | undefined
  readonly signer?: HeadSigner
  /** The walk of the stored ledger at a head: kept for that head, or in progress (walkPerHead). */
  readonly walks: (head: StoredHead) => WalkAtHead
  /** How long GET /v1/verify waits for a walk in progress before answering 503 busy (ms). */
  readonly verifyWaitMs: number
}

/** The walk's result if it comes within `ms`; undefined otherwise (at once when `ms` <= 0). */
const within = <A>(result: Promise<A>, ms: number): Promise<A | undefined> =>
  ms <= 0
    ? Promise.resolve(undefined)
    : new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(undefined), ms)
        result.then(
          (a) => {
            clearTimeout(timer)
            resolve(a)
          },
          (e: unknown) => {
            clearTimeout(timer)
            reject(e instanceof Error ? e : new Error(String(e)))
          },
        )
      })

/** The refusal while the walk goes on: how far it has got, and when it should be done. */
const stillWalking = (w: Walking, head: StoredHead) => {
  const { walked, elapsedMs } = w.progress()
  const total = head.position + 1n
  const left = total > walked ? total - walked : 0n
  const etaMs = walked > 0n ? (Number(left) * elapsedMs) / Number(walked) : elapsedMs + 1000
  const seconds = Math.max(1, Math.ceil(etaMs / 1000))
  return withRetryAfter(
    problem(
      'busy',
      `the ledger's hash chain is being walked (${walked} of ${total} events so far); ask again in ${seconds} s: the result is then kept until the ledger's next append`,
    ),
    seconds,
  )
}

const healthSchema = object(
  {
    status: { type: 'string', enum: ['ok', 'degraded', 'unavailable'] },
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
    headPosition: { type: 'string', pattern: '^-?\\d+$' },
    firstBreak: object({ position: decimal, kind: string, detail: string }),
    anchors: array(
      object({ source: string, position: decimal, hash: string, ok: boolean, detail: string }),
    ),
    integrity: array(string),
  },
  ['firstBreak', 'integrity'],
)

const headSchema = object(
  {
    format: string,
    universe: string,
    position: decimal,
    hash: string,
    signature: object({ algorithm: string, keyId: string, value: string }),
  },
  ['signature'],
)

/** The kind of store, never its path or host: /health is public. */
const storeKind = (description: string): string =>
  description.startsWith('sqlite:')
    ? 'sqlite'
    : description.startsWith('esdb')
      ? 'eventstoredb'
      : description

/** Why the store is in trouble, in words that name no file or host (the log has the cause). */
const safeReason = (e: StoreError): string => {
  switch (e._tag) {
    case 'Unavailable':
    case 'StoreMissing':
      return 'the store cannot be reached'
    case 'Corrupt':
      return `the store holds corrupt data${e.revision === undefined ? '' : ` at position ${e.revision}`}`
    case 'StoreFailure':
    case 'StreamDeleted':
      return 'the store fails to answer'
    case 'WrongExpectedRevision':
    case 'AppendTooLarge':
      return 'the store refused a write'
    default: {
      const never: never = e
      return never
    }
  }
}

const safeAppReason = (e: AppError): string => {
  switch (e._tag) {
    case 'Store':
      return safeReason(e.error)
    case 'CorruptEvent':
      return `the stored event at position ${e.position} cannot be read`
    case 'Untrusted':
      return `the ledger failed its integrity check at position ${e.position}`
    case 'Domain':
    case 'InvalidInput':
    case 'InvalidQuery':
    case 'NotFound':
    case 'UnknownUniverse':
    case 'Conflict':
      return 'reads fail'
    default: {
      const never: never = e
      return never
    }
  }
}

const anchorParams = {
  expectHead: {
    codec: t.string,
    schema: { type: 'string' as const },
    description:
      'HASH@POSITION (as `canon head` prints it): the ledger must hold this hash at this position',
  },
}

const decodeAnchor = queryDecoder(anchorParams)

const verifyBody = (report: VerifyReport) => {
  const b = report.firstBreak
  return {
    ok: verified(report),
    checked: report.checked,
    head: report.head,
    headPosition: report.headPosition.toString(),
    ...(b === undefined
      ? {}
      : {
          firstBreak: {
            position: b.position.toString(),
            kind: b._tag,
            detail: describeChainBreak(b),
          },
        }),
    anchors: report.anchors.map((a: Anchor) => {
      const miss = report.misses.find((m) => m.anchor === a)
      return {
        source: a.source,
        position: a.position.toString(),
        hash: a.hash,
        ok: miss === undefined,
        detail: miss === undefined ? 'the ledger holds it' : describeAnchorMiss(miss),
      }
    }),
    ...(report.integrity === undefined ? {} : { integrity: report.integrity }),
  }
}

export const systemRoutes = (s: SystemDeps): ReadonlyArray<Route> => [
  {
    method: 'get',
    path: '/health',
    summary: 'Whether the store answers and the ledger is served (the reason when not)',
    description:
      'ok: the store answers and reads are served. degraded: the store answers a ping but reads, ' +
      'the follower or the chain check fail (503, with the reason). unavailable: the store does ' +
      'not answer (503). The reason never names a file or host; the log has the cause.',
    tag: 'system',
    responses: {
      200: { description: 'The ledger is served', schema: healthSchema },
      503: { description: 'Degraded or unavailable, with the reason', schema: healthSchema },
    },
    handle: async (_req, res) => {
      const base = {
        store: storeKind(s.deps.store.description),
        universe: s.deps.universe,
        writable: s.writable,
      }
      const ping = await s.deps.store.ping()()
      if (E.isLeft(ping)) {
        res.status(503).json({
          ...base,
          status: 'unavailable',
          reachable: false,
          reason: safeReason(ping.left),
        })
        return
      }
      const fault = s.broken()
      const snapshot = fault === undefined ? await s.snapshots.current()() : undefined
      const failing = s.failing()
      const reason =
        fault !== undefined
          ? `the ledger failed its integrity check at position ${fault.position}: ${fault.reason}`
          : snapshot !== undefined && E.isLeft(snapshot)
            ? safeAppReason(snapshot.left)
            : failing !== undefined
              ? `${safeReason(failing.error)} (${failing.doing})`
              : undefined
      const position =
        snapshot !== undefined && E.isRight(snapshot)
          ? { ledgerPosition: snapshot.right.position.toString() }
          : {}
      res.status(reason === undefined ? 200 : 503).json({
        ...base,
        status: reason === undefined ? 'ok' : 'degraded',
        reachable: true,
        ...position,
        ...(reason === undefined ? {} : { reason }),
      })
    },
  },
  {
    method: 'get',
    path: '/v1/verify',
    summary: "Walk the hash chain, run the store's integrity check, and check an expected head",
    description:
      'Reports the first altered, dropped, reordered or unreadable event by its position, what ' +
      "the store's own integrity check finds (SQLite), and whether the ledger holds the head " +
      'given in `expectHead` (a truncated or rewritten ledger does not). The walk is done once ' +
      'per head of the stored ledger and kept until the next append; while it goes on (it pauses ' +
      'so that other requests are served), a request waits for it a bounded time, then is ' +
      'answered 503 busy with Retry-After.',
    tag: 'audit',
    query: anchorParams,
    responses: {
      200: {
        description: 'The ledger was checked (ok says whether everything holds)',
        schema: verifySchema,
      },
      400: { description: 'expectHead is not HASH@POSITION' },
      503: {
        description:
          'The store is unavailable, or the walk is still going on (busy, with Retry-After)',
      },
    },
    handle: async (req, res) => {
      const q = decodeAnchor(req.query)
      if (E.isLeft(q)) return sendProblem(res, problem('invalid-query', q.left.join('; ')))
      const given = q.right.expectHead
      const anchor = given === undefined ? E.right(undefined) : parseAnchor(given, 'expectHead')
      if (E.isLeft(anchor)) return sendProblem(res, problem('invalid-query', anchor.left))
      const head = await storedHead(s.deps)()
      if (E.isLeft(head)) return sendProblem(res, problemOfAppError(head.left))
      const at = s.walks(head.right)
      const walk: E.Either<AppError, LedgerWalk> | undefined =
        at._tag === 'Kept' ? E.right(at.walk) : await within(at.result, s.verifyWaitMs)
      if (walk === undefined) return sendProblem(res, stillWalking(at as Walking, head.right))
      if (E.isLeft(walk)) return sendProblem(res, problemOfAppError(walk.left))
      const report = await verifyLedger(
        s.deps,
        anchor.right === undefined ? [] : [anchor.right],
        TE.right(walk.right),
      )()
      if (E.isLeft(report)) return sendProblem(res, problemOfAppError(report.left))
      res.json(verifyBody(report.right))
    },
  },
  {
    method: 'get',
    path: '/v1/head',
    summary: "The ledger's head as this server has checked it: a checkpoint other readers compare",
    description:
      'The position and hash of the last event whose chain link this server checked, in the ' +
      'checkpoint format `canon head --out` writes, signed with the operator key when the ' +
      'server has one (`--signing-key`). A replica started with `--checkpoint URL` compares its ' +
      'own ledger with it.',
    tag: 'audit',
    responses: {
      200: { description: 'The checkpoint', schema: headSchema },
      503: { description: 'The ledger is not read yet or cannot be read' },
    },
    handle: async (_req, res) => {
      const snapshot = await s.snapshots.current()()
      if (E.isLeft(snapshot)) return sendProblem(res, problemOfAppError(snapshot.left))
      const head = s.head()
      if (head === undefined)
        return sendProblem(
          res,
          problem('store-unavailable', 'the server has not checked any event of the ledger yet'),
        )
      res.json(checkpointOf(s.deps.universe, head, s.signer))
    },
  },
]
