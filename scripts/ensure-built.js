#!/usr/bin/env node
'use strict'
// Builds dist/ only when a TypeScript source is newer than the last build, so `npm run demo`
// on a built tree starts at once (npm ci already built it through `prepare`).
const { readdirSync, statSync } = require('node:fs')
const { join } = require('node:path')
const { spawnSync } = require('node:child_process')

const root = join(__dirname, '..')
const stamp = join(root, 'dist', '.tsbuildinfo')
const builtAt = (() => {
  try {
    return statSync(stamp).mtimeMs
  } catch {
    return -1
  }
})()

const newer = (dir) =>
  readdirSync(dir, { withFileTypes: true }).some((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return newer(path)
    return entry.name.endsWith('.ts') && statSync(path).mtimeMs > builtAt
  })

const stale =
  builtAt < 0 ||
  ['src', 'projections', 'bench'].some((dir) => newer(join(root, dir))) ||
  ['tsconfig.json', 'tsconfig.build.json'].some((f) => statSync(join(root, f)).mtimeMs > builtAt)

if (stale) {
  process.stderr.write('building dist/ (sources changed since the last build)...\n')
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
    { stdio: 'inherit' },
  )
  process.exit(tsc.status ?? 1)
}
