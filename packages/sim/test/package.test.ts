// The published artefact: tsup builds ESM + CJS for the package and its ./cli entry, and a separate
// worker entry; both module formats expose the source's namespaces, and a parallel run from the
// build (its own worker file) equals the run from source. (Type declarations are built and the
// package installed with npm by the packaging suite, packaging/test/install.test.ts.)
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as source from "../src/index.ts"

const packageDir = join(import.meta.dirname, "..")
// Inside the package, so the build resolves @jiritsu/core and echarts like an installed copy would.
const outDir = mkdtempSync(join(packageDir, ".build-test-"))

beforeAll(() => {
  execFileSync(join(packageDir, "..", "..", "node_modules", ".bin", "tsup"), ["--out-dir", outDir, "--no-dts"], { cwd: packageDir, stdio: "pipe" })
}, 180_000)

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe("@jiritsu/sim build", () => {
  it("emits ESM and CJS for the package and the CLI, and the worker in both formats", () => {
    for (const file of ["index.js", "index.cjs", "cli.js", "cli.cjs", "internal/worker.js", "internal/worker.cjs"]) expect(existsSync(join(outDir, file)), file).toBe(true)
  })

  it("exposes the source's namespaces from ESM and CJS, and the CLI's main and commands", async () => {
    const esm = (await import(pathToFileURL(join(outDir, "index.js")).href)) as Record<string, unknown>
    const cjs = createRequire(import.meta.url)(join(outDir, "index.cjs")) as Record<string, unknown>
    const names = Object.keys(source).sort()
    expect(Object.keys(esm).sort()).toEqual(names)
    expect(Object.keys(cjs).filter((k) => k !== "__esModule").sort()).toEqual(names)
    const cli = (await import(pathToFileURL(join(outDir, "cli.js")).href)) as { main: unknown; commands: ReadonlyArray<{ name: string }> }
    expect(typeof cli.main).toBe("function")
    expect(cli.commands.map((c) => c.name)).toEqual(["simulate", "estimate"])
  })

  it("runs in worker threads from the build (ESM and CJS) with the source's result", async () => {
    const cohort = Result.getOrThrow(source.Cohort.make(source.Model.kushiro, source.Cohort.kushiroSpec(5000)))
    const expected = source.Simulation.summary(Result.getOrThrow(source.Simulation.run(source.Model.kushiro, cohort, { months: 24, seed: 3 })))
    for (const file of ["index.js", "index.cjs"]) {
      const built = (file.endsWith(".js") ? await import(pathToFileURL(join(outDir, file)).href) : createRequire(import.meta.url)(join(outDir, file))) as typeof source
      const c = Result.getOrThrow(built.Cohort.make(built.Model.kushiro, built.Cohort.kushiroSpec(5000)))
      const r = await built.Simulation.runParallel(built.Model.kushiro, c, { months: 24, seed: 3, workers: 2 })
      expect(Result.isSuccess(r), file).toBe(true)
      if (Result.isSuccess(r)) expect(built.Simulation.summary(r.success), file).toEqual(expected)
    }
  })
})
