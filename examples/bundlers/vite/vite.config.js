// The two lines a Vite (<= 6) project needs for hokensho: keep the package out of the dev server's pre-bundling
// (it would separate web.js from its wasm file), and build for browsers with top-level await (main.js awaits
// init()); with Vite 7 the target line can go.
export default {
  optimizeDeps: { exclude: ['hokensho'] },
  build: { target: 'es2022' },
};
