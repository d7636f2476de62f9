import { defineConfig } from 'tsup';

// CommonJS (`require`) and ES module (`import`) builds with type declarations for
// both, for the package root and the `sandbox` and `redis` subpaths.
export default defineConfig({
  entry: { index: 'src/index.ts', 'sandbox/index': 'src/sandbox/index.ts', 'redis/index': 'src/redis/index.ts' },
  format: ['cjs', 'esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node18',
  platform: 'node',
  splitting: false,
  outDir: 'dist',
});
