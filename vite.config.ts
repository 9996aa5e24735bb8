import { resolve } from "node:path";
import solid from "vite-plugin-solid";
import { defineConfig } from "vitest/config";

export default defineConfig(({ mode }) => ({
  root: resolve(import.meta.dirname, "web"),
  // Tests run server code in Node: the Solid plugin would resolve packages for the browser.
  plugins: mode === "test" ? [] : [solid()],
  build: {
    outDir: resolve(import.meta.dirname, "dist/web"),
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    // `npm run dev` serves the API on 3000; vite's dev server forwards to it.
    proxy: { "/api": "http://localhost:3000", "/dev": "http://localhost:3000" },
  },
  test: {
    root: import.meta.dirname,
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/bench/**", "node_modules/**"],
    // Generous: the machines are shared and 2-core; a slow step must not fail CI.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: "forks",
    environment: "node",
    // CI reads the JSON report to check that the browser tests really ran (.ci/run).
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: "test-results/vitest.json" },
  },
}));
