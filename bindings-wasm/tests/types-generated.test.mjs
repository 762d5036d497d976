// The generated TypeScript declarations are those of the committed JSON Schema (itself checked against the Rust
// types by core/tests/schema.rs): a schema regenerated without `node bindings-wasm/gen-types.mjs` fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../gen-types.mjs';

const here = dirname(fileURLToPath(import.meta.url));

test('js/types.generated.d.ts is what schema/hokensho.schema.json gives', async () => {
  const committed = readFileSync(join(here, '..', 'js', 'types.generated.d.ts'), 'utf8');
  const fresh = await generate();
  assert.ok(committed === fresh, 'run `node bindings-wasm/gen-types.mjs` and commit js/types.generated.d.ts');
  // every root document of the schema is declared
  for (const t of ['Member', 'Assessment', 'Summary', 'Timeline', 'ErrorEnvelope', 'RuleFile']) {
    assert.match(committed, new RegExp(`^export interface ${t} \\{`, 'm'), t);
  }
  assert.match(committed, /^export type Status = 'valid' \| 'not_yet_valid' \| 'expired' \| 'ended' \| 'invalidated' \| 'unusable' \| 'in_grace';$/m);
});

test('the package ships the generated declarations next to index.d.ts', () => {
  const pkg = join(here, '..', 'pkg');
  assert.equal(readFileSync(join(pkg, 'types.generated.d.ts'), 'utf8'), readFileSync(join(here, '..', 'js', 'types.generated.d.ts'), 'utf8'));
  assert.match(readFileSync(join(pkg, 'index.d.ts'), 'utf8'), /^export type \* as schema from '\.\/types\.generated';$/m);
});
