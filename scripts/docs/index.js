'use strict';
/**
 * docs/ as one unit for scripts/generate.js: write it, or list how it differs from what the
 * document renders to (the same check generated/ gets).
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { readSpec } = require('../lib/spec');
const { renderDocs } = require('./render');

/** Replaces every .md file of `dir` (but the guides) with the rendered pages; returns how many were written. */
/**
 * The hand-written guides beside the reference pages (flows.md, errors-and-retries.md, …): lower-case
 * names, while every generated page is README.md or named after its API or model (PascalCase).
 * The generator neither removes nor checks them.
 */
const isGuide = (name) => /^[a-z]/.test(name);

function writeDocs(dir, specFile) {
  const files = renderDocs(readSpec(specFile));
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) if (name.endsWith('.md') && !isGuide(name) && !(name in files)) fs.rmSync(path.join(dir, name));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return Object.keys(files).length;
}

/** The differences between `dir` and the rendered pages, one line each (a diff is printed for changed pages). */
function compareDocs(dir, specFile) {
  const files = renderDocs(readSpec(specFile));
  const rel = path.relative(process.cwd(), dir) || '.';
  const have = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.md') && !isGuide(n)) : [];
  const problems = [];
  for (const name of have) if (!(name in files)) problems.push(`not generated any more: ${rel}/${name}`);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      problems.push(`missing from ${rel}/: ${name}`);
    } else if (fs.readFileSync(file, 'utf8') !== text) {
      problems.push(`changed: ${rel}/${name}`);
      const d = spawnSync('diff', ['-u', '--label', `${rel}/${name}`, '--label', `fresh/${name}`, file, '-'], { input: text, encoding: 'utf8' });
      console.log(d.stdout || `(no diff tool to show ${name})`);
    }
  }
  return problems;
}

module.exports = { writeDocs, compareDocs, isGuide };
