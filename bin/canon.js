#!/usr/bin/env node
'use strict'
// The installed command: runs the compiled CLI shell (npm ci builds it through `prepare`).
require('../dist/src/main/cli.js')
