'use strict'
// Prints one closing line, "N passed, N failed, N skipped", over vitest's JSON reports.
const fs = require('node:fs')

let passed = 0
let failed = 0
let skipped = 0
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) continue
  const report = JSON.parse(fs.readFileSync(file, 'utf8'))
  passed += report.numPassedTests ?? 0
  failed += report.numFailedTests ?? 0
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
