import { defineConfig } from 'tsup';

// CommonJS (`require`) and ES module (`import`) builds with type declarations for
// both, for the package root and the `sandbox` and `redis` subpaths.
export default defineConfig({
  entry: { index: 'src/index.ts', 'sandbox/index': 'src/sandbox/index.ts', 'redis/index': 'src/redis/index.ts' },
  format: ['cjs', 'esm'],
  dts: true,
  // No source maps: the sources they point to are not shipped, and the built files
  // are unminified, with the names of the source, so stack traces read as they are.
  sourcemap: false,
  clean: true,
  target: 'node18',
  platform: 'node',
  splitting: false,
  outDir: 'dist',
});
