// Generates js/types.generated.d.ts (the TypeScript declarations of the JSON contract's data types) from
// schema/hokensho.schema.json, the JSON Schema the core derives from its Rust types (see schema/README.md).
//   node bindings-wasm/gen-types.mjs           writes the file
//   node bindings-wasm/gen-types.mjs --check   fails when the committed file is not what the schema gives
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const here = dirname(fileURLToPath(import.meta.url));
const schemaPath = join(here, '..', 'schema', 'hokensho.schema.json');
const outPath = join(here, 'js', 'types.generated.d.ts');

/** The declarations, as text. */
export async function generate() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  return compile(schema, 'Hokensho', {
    bannerComment: '// Generated from schema/hokensho.schema.json by bindings-wasm/gen-types.mjs: do not edit.\n'
      + '// The schema is derived from the Rust types (cargo run -p hokensho --example schema --features schema).',
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    declareExternallyReferenced: true,
    enableConstEnums: false,
    inferStringEnumKeysFromValues: false,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
    cwd: dirname(schemaPath),
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generate();
  if (process.argv.includes('--check')) {
    const committed = readFileSync(outPath, 'utf8');
    if (committed !== text) {
      console.error('bindings-wasm/js/types.generated.d.ts is not what schema/hokensho.schema.json gives: run `node bindings-wasm/gen-types.mjs`');
      process.exit(1);
    }
    console.log('types.generated.d.ts: current');
  } else {
    writeFileSync(outPath, text);
    console.log(`wrote ${outPath}`);
  }
}
