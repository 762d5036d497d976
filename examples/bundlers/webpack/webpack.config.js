// webpack 5 needs nothing for hokensho: it copies the wasm file the package names with
// `new URL('hokensho_wasm_bg.wasm', import.meta.url)` as an asset and rewrites the URL.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './main.js',
  output: { path: fileURLToPath(new URL('./dist', import.meta.url)), clean: true },
};
