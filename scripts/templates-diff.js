#!/usr/bin/env node
'use strict';
// Our templates/ against the pinned generator's own templates, which the generator writes out
// (`author template -g <generator>`, through the same wrapper, config and jar as scripts/generate.js).
//   node scripts/templates-diff.js             unified diff of each template, then a line count summary
//   node scripts/templates-diff.js --summary   the summary only (CI)
// Exits 1 when a template defines a function its upstream counterpart does not: hand-written
// logic belongs in src/ (linted, type-checked, unit-tested), imported by the generated code.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { Fail, prepareGenerator, runWrapper } = require('./generate');

const ROOT = path.resolve(__dirname, '..');
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'with', 'constructor']);

/**
 * The names of the functions a TypeScript template defines: function declarations, arrow
 * functions assigned to a name (not a function type: `type F = (x) => y`), and class methods (a name, its parameters, then `{` ending the line).
 */
function definedFunctions(text) {
  const names = new Set();
  const name = String.raw`([A-Za-z_$][\w$]*|(?:\{\{[^}]+\}\}[\w$]*)+)`;
  const patterns = [
    new RegExp(String.raw`\bfunction\s*\*?\s*${name}\s*[<(]`, 'g'),
    new RegExp(String.raw`(?<![\w$])(?<!\btype\s+)${name}\s*(?::[^=\n]+)?=\s*(?:async\s+)?(?:\([^)\n]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=\n]+)?=>`, 'g'),
    new RegExp(String.raw`^\s*(?:(?:public|private|protected|static|async|override|get|set)\s+)*${name}\s*(?:<[^>\n]*>)?\s*\(.*\)\s*(?::.*)?\{\s*$`, 'gm'),
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) if (!KEYWORDS.has(match[1])) names.add(match[1]);
  }
  return names;
}

/** The functions `ours` defines that `upstream` (the generator's own template, or nothing) does not. */
function handWrittenFunctions(ours, upstream) {
  const known = definedFunctions(upstream || '');
  return [...definedFunctions(ours)].filter((name) => !known.has(name));
}

/** Lines added and removed by a unified diff. */
function countChanges(diff) {
  let added = 0;
  let removed = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('+')) added++;
    else if (line.startsWith('-')) removed++;
  }
  return { added, removed };
}

function main(argv) {
  const summaryOnly = argv.includes('--summary');
  const configFile = path.join(ROOT, 'openapitools.json');
  const { gen, expand } = prepareGenerator(configFile);
  const templateDir = expand(gen.templateDir);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-upstream-'));
  try {
    const r = runWrapper(configFile, ['author', 'template', '-g', gen.generatorName, '-o', tmp]);
    if (r.status !== 0 || r.error) {
      process.stderr.write(`${r.stdout || ''}${r.stderr || ''}`);
      throw new Fail(`could not write out the ${gen.generatorName} templates (generator output above)`);
    }
    const rows = [];
    const problems = [];
    // Only templates: templates/.openapi-generator-ignore lists files not generated at all.
    for (const file of fs
      .readdirSync(templateDir)
      .filter((name) => name.endsWith('.mustache'))
      .sort()) {
      const ours = path.join(templateDir, file);
      const theirs = path.join(tmp, file);
      const upstream = fs.existsSync(theirs) ? fs.readFileSync(theirs, 'utf8') : undefined;
      const d = spawnSync('diff', ['-u', '--label', `upstream/${file}`, '--label', `templates/${file}`, upstream === undefined ? '/dev/null' : theirs, ours], {
        encoding: 'utf8',
      });
      if (d.status > 1 || d.error) throw new Fail(`diff failed on ${file}: ${d.stderr || d.error}`);
      if (!summaryOnly) process.stdout.write(d.stdout);
      rows.push({ file, ...countChanges(d.stdout), upstream: upstream !== undefined });
      for (const name of handWrittenFunctions(fs.readFileSync(ours, 'utf8'), upstream)) {
        problems.push(`templates/${file} defines ${name}(), which the generator's own template does not: move it to src/ and call it from the template`);
      }
    }
    const total = rows.reduce((sum, row) => sum + row.added + row.removed, 0);
    console.log(`\ntemplates/ against ${gen.generatorName} ${JSON.parse(fs.readFileSync(configFile, 'utf8'))['generator-cli'].version}:`);
    for (const row of rows) {
      console.log(`  ${row.file.padEnd(34)} +${String(row.added).padStart(3)} -${String(row.removed).padStart(3)}${row.upstream ? '' : '  (ours only)'}`);
    }
    console.log(`  ${'total changed lines'.padEnd(34)} ${total}`);
    problems.forEach((p) => console.log(p));
    if (problems.length) process.exitCode = 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { definedFunctions, handWrittenFunctions, countChanges };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof Fail)) throw err;
    console.error(`templates:diff: ${err.message}`);
    process.exitCode = 1;
  }
}
