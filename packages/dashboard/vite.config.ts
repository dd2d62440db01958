import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

// The dashboard is a static site: relative asset URLs (`base: "./"`) so that it can be mounted
// at `/` or under any prefix an embedder chooses.
export default defineConfig({
  root: fileURLToPath(new URL("./app", import.meta.url)),
  base: "./",
  publicDir: false,
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("./site", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2048
  }
})
