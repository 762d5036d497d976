// Checked by `tsc --strict` twice (bindings-wasm/test.sh): with the DOM lib (tsconfig.json) and with neither the
// DOM lib nor @types/node (tsconfig.nodom.json), so the declarations stand alone. Not executed.
import init, { initSync, parseDate, RuleSet, HokenshoError } from 'hokensho';
import type { IsoDate, WasmInput } from 'hokensho';

export async function loading(bytes: Uint8Array, buffer: ArrayBuffer): Promise<Array<string | null>> {
  await init();
  await init('/assets/hokensho_wasm_bg.wasm');
  await init(bytes);
  await init(buffer);
  await init({ href: 'https://example.test/hokensho_wasm_bg.wasm' });
  initSync(bytes);
  const input: WasmInput = buffer;
  await init(input);
  const day: IsoDate | null = parseDate('令和7年12月2日');
  const out: Array<string | null> = [day];
  try {
    RuleSet.embedded();
  } catch (e) {
    if (e instanceof HokenshoError && e.code === 'not_initialized') out.push(e.en, e.ja);
  }
  return out;
}
