import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import type { CliContext, GlobalFlags } from '../context'
import { exitBadInput, exitOk } from '../output'
import { readBytes, reportFailure } from '../runner'

interface ServeFlags {
  readonly port: string
  readonly host: string
  readonly snapshot?: string
}

export const registerServe = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('serve')
    .summary('start the HTTP server (queries, authenticated appends, the web page)')
    .description(
      'Serve the ledger over HTTP on the configured store. Writes need CANON_TOKEN to be set ' +
        '(at least 32 bytes; clients send it as a bearer token); without it the server is ' +
        'read-only. Before it listens, the hash chain is walked and the ledger compared with ' +
        "--checkpoint (a file, or another server's /v1/head): a ledger that fails is not served. " +
        'With --signing-key, /v1/head is signed, and a --checkpoint file is kept current after ' +
        'each write. With --snapshot (written by `canon snapshot`), the server starts from the ' +
        'file instead of replaying the ledger: its seal is checked, the ledger must hold the ' +
        'event it ends with, and only the events recorded since are walked and added. Stops on ' +
        'SIGINT or SIGTERM.',
    )
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--snapshot <file>', 'start from this snapshot (canon snapshot) instead of a replay')
    .option('--json', 'print the bound URL as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ CANON_TOKEN=$(openssl rand -hex 32) canon serve --port 8080\n  $ curl http://127.0.0.1:8080/health\n  $ canon serve --snapshot canon-ledger.index --port 8080\n',
    )
    .action(async (opts: ServeFlags & { json?: boolean }, command: Command) => {
      const serve = ctx.wiring.serve
      const port = Number(opts.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        ctx.io.stderr(`canon: --port '${opts.port}': expected a port number 0-65535\n`)
        return done(exitBadInput)
      }
      if (serve === undefined) {
        ctx.io.stderr('canon: this build has no HTTP server\n')
        return done(1)
      }
      // The file is read before the ledger is opened: a missing one changes nothing.
      const snapshot =
        opts.snapshot === undefined ? undefined : await readBytes(ctx, opts.snapshot)()
      if (snapshot !== undefined && E.isLeft(snapshot))
        return done(reportFailure(ctx, snapshot.left))
      const opened = await ctx.wiring.open(
        command.optsWithGlobals<GlobalFlags>(),
        ctx.io,
        'serve',
      )()
      if (E.isLeft(opened)) return done(reportFailure(ctx, opened.left))
      try {
        const started = await serve(
          opened.right,
          {
            port,
            host: opts.host,
            ...(opts.snapshot === undefined || snapshot === undefined
              ? {}
              : { snapshot: { file: opts.snapshot, bytes: snapshot.right } }),
          },
          ctx.io,
        )()
        if (E.isLeft(started)) return done(reportFailure(ctx, started.left))
        const writable = opened.right.writeToken !== undefined && opened.right.writeToken !== ''
        ctx.io.stdout(
          opts.json === true
            ? `${JSON.stringify({ url: started.right.url, store: opened.right.storeName, writable })}\n`
            : `canon serving ${opened.right.storeName} at ${started.right.url} (${
                writable
                  ? 'writes accepted with the bearer token in CANON_TOKEN'
                  : 'read-only: set CANON_TOKEN to accept writes'
              }); the web page is at ${started.right.url}/\n`,
        )
        await started.right.stopped
        done(exitOk)
      } finally {
        await opened.right.close()
      }
    })
}
