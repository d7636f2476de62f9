'use strict';
/**
 * The exception classes as src/errors.ts defines them, for docs/: each exported class with
 * its base class and doc comment, the class a status becomes (asked of `createApiException`
 * itself, the one status → class mapping) and the error catalogue of src/error-codes.ts,
 * both loaded through tsx.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ERRORS_TS = path.resolve(__dirname, '..', '..', 'src', 'errors.ts');

/** @returns {{ name: string, base: string | undefined, doc: string }[]} in source order */
function listErrorClasses() {
  const source = ts.createSourceFile(ERRORS_TS, fs.readFileSync(ERRORS_TS, 'utf8'), ts.ScriptTarget.Latest, true);
  const classes = [];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const exported = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) return;
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
    const base = heritage ? heritage.types[0].expression.getText(source) : undefined;
    const doc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ').trim();
    classes.push({ name: node.name.text, base, doc });
  });
  return classes;
}

const ERROR_CODES_TS = path.resolve(__dirname, '..', '..', 'src', 'error-codes.ts');
const ERROR_CODES_DOCS_TS = path.resolve(__dirname, '..', '..', 'src', 'error-codes.docs.ts');
// Under jest, ts-jest compiles TypeScript already (and tsx's loader does not work inside jest's module system).
const load = (file) => (process.env.JEST_WORKER_ID ? require(file) : require('tsx/cjs/api').require(file, __filename));

/** Every documented failure as src/error-codes.ts catalogues it (code, status, reconnectRequired, transient, …), with its prose from src/error-codes.docs.ts (meaning, app) and what the client does (clientDoes). */
function errorCatalogue() {
  return load(ERROR_CODES_DOCS_TS).documentedCatalogue();
}

/** Whether a call that got no response is retryable, as src/error-codes.ts classifies it ('timeout' | 'connection' | 'aborted'). */
function noResponseRetryable(kind) {
  return load(ERROR_CODES_TS).classifyNoResponse(kind).retryable;
}

let mapping;
/** The exception class name `createApiException` chooses for an HTTP status (and the body of a catalogued `code`: a row may name its own class). */
function classForStatus(status, errorCode) {
  if (!mapping) mapping = load(ERRORS_TS).createApiException;
  const body = errorCode ? JSON.stringify({ type: errorCode }) : undefined;
  return mapping({ status: Number(status), body }).name;
}

const RETRY_DOCS_TS = path.resolve(__dirname, '..', '..', 'src', 'retry.docs.ts');
/** Whether the client resends a failure of an operation ('yes', 'no', or only with `retryInstitutionErrors`), asked of src/retry.ts through src/retry.docs.ts. */
function clientResends(method, template, outcome) {
  return load(RETRY_DOCS_TS).resendsCell(method, template, outcome);
}

module.exports = { listErrorClasses, classForStatus, errorCatalogue, noResponseRetryable, clientResends };
