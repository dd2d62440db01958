// The published artefact: tsup builds ESM + CJS + .d.ts, and both module formats expose the same
// namespaces as the source entry point.
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as source from "@jiritsu/core"

const packageDir = join(import.meta.dirname, "..")
// Inside the package, so that the built files resolve `effect` from the package's own node_modules
// as an installed copy would (a build under /tmp finds no dependencies at all).
const outDir = mkdtempSync(join(packageDir, ".build-test-"))

beforeAll(() => {
  execFileSync(join(packageDir, "..", "..", "node_modules", ".bin", "tsup"), ["--out-dir", outDir], { cwd: packageDir, stdio: "pipe" })
}, 120_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe("@jiritsu/core build", () => {
  it("emits ESM, CJS and type declarations", () => {
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) expect(existsSync(join(outDir, file)), file).toBe(true)
  })

  it("exposes the same namespaces from ESM and CJS as from source", async () => {
    const esm = (await import(pathToFileURL(join(outDir, "index.js")).href)) as Record<string, unknown>
    const cjs = createRequire(import.meta.url)(join(outDir, "index.cjs")) as Record<string, unknown>
    const names = Object.keys(source).sort()
    expect(Object.keys(esm).sort()).toEqual(names)
    expect(Object.keys(cjs).filter((k) => k !== "__esModule").sort()).toEqual(names)
    expect((esm["Period"] as typeof source.Period).fiscalYearLabel(2013 as never)).toBe("平成25年度")
  })
})
