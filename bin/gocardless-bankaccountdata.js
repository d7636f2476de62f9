#!/usr/bin/env node
'use strict';
// The package's command: `gocardless-bankaccountdata sandbox [options]` (src/sandbox/cli.ts).
// Installed from the registry it runs the build (dist/). In a clone, where src/ is present, it
// runs the source through tsx (a devDependency), so `node bin/gocardless-bankaccountdata.js
// sandbox` and `npx . sandbox` work without a build and never run a stale one.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'src', 'sandbox', 'cli.ts');
let cli;
if (fs.existsSync(source)) {
  require('tsx/cjs/api').register();
  cli = require(source);
} else {
  cli = require(path.join(root, 'dist', 'sandbox', 'cli.js'));
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
