import { existsSync } from 'node:fs'
import path from 'node:path'
import express from 'express'
import type { Express } from 'express'
import type { Route } from '../route'

/**
 * The page's static files live in src/http/web (plain HTML, CSS, JS: no build step). From
 * source (tsx, vitest) they sit beside this folder; from dist/src/http/routes they are four
 * levels up in the source tree, which ships with the package.
 */
export const webRoot = (): string => {
  const candidates = [
    path.resolve(__dirname, '../web'),
    path.resolve(__dirname, '../../../../src/http/web'),
  ]
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!
}

const page: Route = {
  method: 'get',
  path: '/',
  summary: 'The release-slider page (HTML)',
  tag: 'web',
  responses: {
    200: { description: 'The page', schema: { type: 'string' }, contentType: 'text/html' },
  },
  handle: () => Promise.resolve(),
}

export const webRoutes = {
  /** Listed in /openapi.json; served by the static middleware below. */
  documented: [page] as ReadonlyArray<Route>,
  mount: (app: Express): void => {
    app.use(
      express.static(webRoot(), {
        index: 'index.html',
        dotfiles: 'ignore',
        redirect: false,
        maxAge: 0,
        fallthrough: true,
      }),
    )
  },
}
