/**
 * Our OpenAPI document, read from openapi/ when the sandbox runs from the
 * source tree (tests, `tsx`). The build never bundles this file: tsup.config.ts
 * puts the parsed document in its place.
 */
import fs from 'node:fs';
import path from 'node:path';

export function openApiDocument(): unknown {
  // js-yaml is a devDependency: present wherever the source tree runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('js-yaml') as typeof import('js-yaml');
  return yaml.load(fs.readFileSync(path.join(__dirname, '..', '..', 'openapi', 'bank-account-data.yaml'), 'utf8'));
}
