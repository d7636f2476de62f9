#!/usr/bin/env node
'use strict';
// How much of the published type declarations (dist/**/*.d.ts, from `npm run build`) is
// documented: request parameters and model fields with a description, and API methods
// whose doc comment says what they throw (`@throws`).
//   node scripts/doc-coverage.js            print the figures
//   node scripts/doc-coverage.js --min 95   also exit 1 when parameters or fields fall below 95%
//                                           or a method lacks @throws
// Which declarations count is read from generated/: the request interfaces and classes of
// generated/apis/*.ts, the interfaces of generated/models/. Each is counted once even though
// the build emits it for both module formats.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');

function parse(file) {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

function declaredNames(files, kind) {
  const names = new Set();
  for (const file of files) {
    parse(file).forEachChild((node) => {
      if (node.kind === kind && node.name) names.add(node.name.text);
    });
  }
  return names;
}

function listFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listFiles(full, suffix);
    return e.name.endsWith(suffix) ? [full] : [];
  });
}

/** The prose of a node's doc comment (tags excluded), trimmed. */
function description(node) {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join(' ')
    .trim();
}

function hasTag(node, tagName) {
  return ts.getJSDocTags(node).some((tag) => tag.tagName.text === tagName);
}

function measure({ dist = path.join(ROOT, 'dist'), generated = path.join(ROOT, 'generated') } = {}) {
  const apiFiles = listFiles(path.join(generated, 'apis'), '.ts').filter((f) => !f.endsWith('index.ts'));
  const requestNames = declaredNames(apiFiles, ts.SyntaxKind.InterfaceDeclaration);
  const classNames = declaredNames(apiFiles, ts.SyntaxKind.ClassDeclaration);
  const modelNames = declaredNames(listFiles(path.join(generated, 'models'), '.ts'), ts.SyntaxKind.InterfaceDeclaration);

  const params = new Map(); // "Interface.member" -> documented?
  const fields = new Map();
  const methods = new Map();
  const dts = listFiles(dist, '.d.ts');
  if (!dts.length) throw new Error(`no .d.ts under ${path.relative(ROOT, dist)}: run \`npm run build\` first`);
  for (const file of dts) {
    parse(file).forEachChild(function visit(node) {
      if (ts.isModuleDeclaration(node) && node.body) return node.body.forEachChild(visit);
      if (!node.name) return;
      const owner = node.name.text;
      if (ts.isInterfaceDeclaration(node) && (requestNames.has(owner) || modelNames.has(owner))) {
        const into = requestNames.has(owner) ? params : fields;
        for (const m of node.members) {
          if (!ts.isPropertySignature(m)) continue;
          const key = `${owner}.${m.name.getText()}`;
          into.set(key, into.get(key) || description(m) !== '');
        }
      }
      if (ts.isClassDeclaration(node) && classNames.has(owner)) {
        for (const m of node.members) {
          if (
            !ts.isMethodDeclaration(m) ||
            !m.name ||
            m.modifiers?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword)
          )
            continue;
          const key = `${owner}.${m.name.getText()}`;
          methods.set(key, methods.get(key) || hasTag(m, 'throws'));
        }
      }
    });
  }
  const count = (map) => ({ documented: [...map.values()].filter(Boolean).length, total: map.size, missing: [...map].filter(([, ok]) => !ok).map(([k]) => k) });
  return { parameters: count(params), fields: count(fields), methodsWithThrows: count(methods) };
}

function main(argv) {
  const at = argv.indexOf('--min');
  const min = at >= 0 ? Number(argv[at + 1]) : undefined;
  const result = measure();
  const pct = (c) => (c.total ? ((100 * c.documented) / c.total).toFixed(1) : '100.0');
  const line = (label, c) => `${label}: ${c.documented}/${c.total} (${pct(c)}%)`;
  console.log(line('request parameters with a description', result.parameters));
  console.log(line('model fields with a description', result.fields));
  console.log(line('API methods with @throws', result.methodsWithThrows));
  if (argv.includes('--missing')) {
    for (const [label, c] of Object.entries(result)) for (const m of c.missing) console.log(`  missing (${label}): ${m}`);
  }
  if (min !== undefined) {
    const short = [];
    if (Number(pct(result.parameters)) < min) short.push('request parameters');
    if (Number(pct(result.fields)) < min) short.push('model fields');
    if (result.methodsWithThrows.documented < result.methodsWithThrows.total) short.push('@throws on API methods');
    if (short.length) {
      console.error(`doc-coverage: below the bar (${min}% descriptions, @throws on every method): ${short.join(', ')}; run with --missing`);
      process.exitCode = 1;
    }
  }
}

module.exports = { measure };
if (require.main === module) main(process.argv.slice(2));
