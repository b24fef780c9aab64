#!/usr/bin/env node
// The `lakeflow` command: a thin launcher for the bundled CLI.
require('../server/out/lakeflow.js').runFromProcess();
