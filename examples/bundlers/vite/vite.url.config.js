// The `?url` recipe (url.html): the package is pre-bundled as usual; only the target for top-level await (Vite <= 6).
export default {
  build: { target: 'es2022' },
};
