// Checked by `tsc --strict` with the DOM lib (tsconfig.json): what a browser hands to init() type-checks. Not
// executed.
import init, { initSync } from 'hokensho';

export async function browserLoading(): Promise<void> {
  await init(new URL('hokensho_wasm_bg.wasm', 'https://example.test/app/'));
  await init(fetch('/hokensho_wasm_bg.wasm'));
  await init(await fetch('/hokensho_wasm_bg.wasm'));
  await init(new Request('/hokensho_wasm_bg.wasm'));
  const module = await WebAssembly.compile(new Uint8Array(0));
  await init(module);
  initSync(module);
}
