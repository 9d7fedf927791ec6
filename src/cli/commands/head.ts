import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { pipe } from 'fp-ts/function'
import { formatAnchor } from '../../app/anchor'
import { checkpointOf, checkpointText } from '../../app/checkpoint'
import type { AppError } from '../../app/errors'
import { verified, verifyLedger } from '../../app/verify'
import { describeChainBreak } from '../../domain/hashChain'
import type { CliContext, GlobalFlags } from '../context'
import { exitBadInput, exitOk } from '../output'
import type { CommonOptions, Rendered } from '../runner'
import { fileProblem, reportFailure, withLedger, writtenFile } from '../runner'

interface HeadOptions extends CommonOptions {
  readonly out?: string
}

export const registerHead = (
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void => {
  program
    .command('keygen')
    .summary("make the operator's Ed25519 key pair for signing heads")
    .description(
      'Write a new Ed25519 key pair: NAME.key (the private key, readable by its owner only) and ' +
        'NAME.pub (the public key, to give to every reader). Heads and checkpoints signed with ' +
        'the private key (--signing-key) are checked with the public one (--public-key). Keep ' +
        'the private key away from the ledger and its backups; nothing of it is written to the ' +
        'store. Existing files are never overwritten.',
    )
    .argument('<name>', 'path and name for the two files, without extension')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExample (the key pair, then a signed checkpoint, then a check against it):\n  $ canon keygen operator && canon head --signing-key operator.key --out head.json && canon verify --checkpoint head.json --public-key operator.pub\n',
    )
    .action(async (name: string, opts: CommonOptions) => {
      const keys = ctx.wiring.keys
      const writeSecret = ctx.io.writeSecret
      if (keys === undefined || writeSecret === undefined || ctx.io.writeFile === undefined) {
        ctx.io.stderr('canon: this shell cannot make keys\n')
        return done(exitBadInput)
      }
      const pair = keys.generate()
      const privateFile = `${name}.key`
      const publicFile = `${name}.pub`
      const writeFile = ctx.io.writeFile
      const result = await pipe(
        TE.tryCatch(
          () => writeSecret(privateFile, pair.privatePem),
          fileProblem(privateFile, 'written'),
        ),
        TE.flatMap(() =>
          TE.tryCatch(
            () => writeFile(publicFile, pair.publicPem),
            fileProblem(publicFile, 'written'),
          ),
        ),
        TE.flatMap(() =>
          TE.fromEither(
            E.mapLeft((problem: string): AppError => ({
              _tag: 'InvalidInput',
              source: privateFile,
              problems: [problem],
            }))(keys.signer(pair.privatePem)),
          ),
        ),
      )()
      if (E.isLeft(result)) return done(reportFailure(ctx, result.left))
      const summary = { privateKey: privateFile, publicKey: publicFile, keyId: result.right.keyId }
      ctx.io.stdout(
        opts.json === true
          ? `${JSON.stringify(summary)}\n`
          : `wrote ${privateFile} (private: keep it off the ledger's machine and backups) and ${publicFile} (public: give it to readers); key ${result.right.keyId}\n`,
      )
      done(exitOk)
    })

  program
    .command('head')
    .summary("print the ledger's head (HASH@POSITION), or write it as a checkpoint")
    .description(
      "Walk the ledger's hash chain and print its head as HASH@POSITION: what `canon verify " +
        '--expect-head` and GET /v1/verify?expectHead= check a ledger against. With --out FILE ' +
        'the head is written as a checkpoint (signed with --signing-key when given), which ' +
        '--checkpoint FILE then makes every command compare the ledger with. A broken chain is ' +
        'refused: no head of it is printed or signed.',
    )
    .option('--out <file>', 'write the head as a checkpoint file')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  $ canon head\n  $ canon head --out head.json && canon verify --checkpoint head.json\n',
    )
    .action(async (opts: HeadOptions, command: Command) =>
      done(
        await withLedger(
          ctx,
          command.optsWithGlobals<GlobalFlags>(),
          opts.json === true,
          (ledger) =>
            pipe(
              verifyLedger(ledger.deps, ledger.anchors ?? []),
              TE.flatMap((report): TE.TaskEither<AppError, Rendered> => {
                if (!verified(report))
                  return TE.left({
                    _tag: 'Untrusted',
                    position: report.firstBreak?.position ?? report.headPosition + 1n,
                    reason:
                      report.firstBreak === undefined
                        ? "it fails 'canon verify'; no head is given for it"
                        : `${describeChainBreak(report.firstBreak)}; no head is given for it`,
                  })
                if (report.headPosition < 0n)
                  return TE.left({
                    _tag: 'Conflict',
                    reason: 'the ledger is empty: it has no head yet',
                  })
                const head = { position: report.headPosition, hash: report.head }
                const checkpoint = checkpointOf(ledger.deps.universe, head, ledger.signer)
                const summary = {
                  head: formatAnchor(head),
                  position: head.position.toString(),
                  hash: head.hash,
                  signed: checkpoint.signature !== undefined,
                  ...(opts.out === undefined ? {} : { file: opts.out }),
                }
                const rendered: Rendered = {
                  json: summary,
                  text:
                    opts.out === undefined
                      ? `${summary.head}\n`
                      : `wrote ${opts.out}: head ${summary.head}${summary.signed ? `, signed by key ${checkpoint.signature?.keyId ?? ''}` : ', unsigned'}\n`,
                }
                return opts.out === undefined
                  ? TE.right(rendered)
                  : pipe(
                      writtenFile(ctx.io, opts.out, checkpointText(checkpoint)),
                      TE.map(() => rendered),
                    )
              }),
            ),
          'read',
          'report',
        ),
      ),
    )
}
