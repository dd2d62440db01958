// The published artefacts, installed as a vendor installs them: every package of ./packages.ts is
// built (tsup), packed (`pnpm pack`) and installed with plain `npm install ./x.tgz …` into an empty
// project outside the workspace, with no override. Then: the manifests point at dist and name real
// versions; every entry point loads through both `import` and `require` with the source's
// namespaces; every bin runs from dist; the README examples and a first program (ESM, CJS and typed
// TypeScript) run against the installed packages.
import { copyFileSync, existsSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { execFileSync } from "node:child_process"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { barrelNames, buildPackInstall, type Installed, jsSubpaths, nodeIn, repoRoot } from "../harness.ts"
import { packages } from "../packages.ts"

let installed: Installed

beforeAll(() => {
  installed = buildPackInstall(packages)
  for (const f of ["program.mjs", "program.cjs", "program.ts", "tsconfig.json"]) copyFileSync(join(import.meta.dirname, "..", "consumer", f), join(installed.project, f))
}, 300_000)

afterAll(() => installed?.cleanup())

const manifestOf = (dir: string) => {
  const name = (JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as { name: string }).name
  return { name, manifest: installed.manifests.get(name)! }
}

describe.each(packages)("$dir, packed and installed with npm", (p) => {
  it("the installed manifest names real versions and points every entry at dist", () => {
    const { manifest } = manifestOf(p.dir)
    const text = JSON.stringify(manifest)
    expect(text).not.toContain("workspace:")
    expect(text).not.toMatch(/"\.\/src\//)
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) expect(range, dep).toMatch(/^\d+\.\d+\.\d+/)
    expect(manifest.exports?.["./internal/*"]).toBeUndefined()
  })

  it("every JavaScript entry loads through import and require, with the source's namespaces at the root", async () => {
    const { name, manifest } = manifestOf(p.dir)
    const require = createRequire(join(installed.project, "package.json"))
    for (const subpath of jsSubpaths(manifest.exports ?? {})) {
      const specifier = subpath === "." ? name : `${name}/${subpath.slice(2)}`
      if (subpath.endsWith("/vitest")) continue // registers vitest suites: needs a running vitest
      const file = require.resolve(specifier)
      expect(file, specifier).toMatch(/\/dist\/[^/]+\.cjs$/)
      const cjs = require(specifier) as Record<string, unknown>
      const esm = (await import(pathToFileURL(file.replace(/\.cjs$/, ".js")).href)) as Record<string, unknown>
      expect(Object.keys(cjs).filter((k) => k !== "__esModule").sort(), specifier).toEqual(Object.keys(esm).sort())
      if (subpath === ".") expect(Object.keys(esm).sort()).toEqual(barrelNames(p.dir))
    }
  })

  it("every bin runs from dist (--help exits 0)", () => {
    const { manifest } = manifestOf(p.dir)
    for (const [command, target] of Object.entries(manifest.bin ?? {})) {
      expect(target).toMatch(/^\.\/dist\//)
      const out = execFileSync(join(installed.project, "node_modules", ".bin", command), ["--help"], { cwd: installed.project, encoding: "utf8" })
      expect(out.length, command).toBeGreaterThan(0)
    }
  })

  it.runIf(p.readmeExample !== undefined)("the README example runs against the installed package", () => {
    const target = join(installed.project, "readme.ts")
    copyFileSync(join(repoRoot, p.readmeExample!), target)
    const out = nodeIn(installed.project, [target])
    expect(out.trim().length).toBeGreaterThan(0)
    expect(out).not.toMatch(/undefined|\[object Object\]/)
  })
})

describe("a vendor's first program against the installed tarballs", () => {
  const expected = { fy: "平成25年度", outcome: "undetermined", rule: "function" }

  it("runs through import (ESM) and require (CJS) with the same result", () => {
    const esm = JSON.parse(nodeIn(installed.project, ["program.mjs"])) as Record<string, unknown>
    const cjs = JSON.parse(nodeIn(installed.project, ["program.cjs"])) as Record<string, unknown>
    expect(esm).toMatchObject(expected)
    expect(esm["next"]).toContain("able_to_work")
    expect((esm["cases"] as { passed: number; failed: number }).failed).toBe(0)
    expect((esm["cases"] as { passed: number }).passed).toBeGreaterThan(100)
    expect(cjs).toEqual(esm)
  })

  it("type-checks against the installed declarations (tsc, NodeNext, strict, no skipLibCheck)", () => {
    execFileSync(join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], { cwd: installed.project, encoding: "utf8" })
  })

  it("the jiritsu bin runs the shipped cases from dist and says which package a plugin command needs", () => {
    const jiritsu = join(installed.project, "node_modules", ".bin", "jiritsu")
    expect(existsSync(jiritsu)).toBe(true)
    const out = execFileSync(jiritsu, ["test-rules", "node_modules/@jiritsu/catalog/cases"], { cwd: installed.project, encoding: "utf8" })
    expect(out).toMatch(/\n\d+ passed, 0 failed\n$/)
    // A plugin that is installed runs through the one command; one that is not names its package.
    const packed = new Set(packages.map((p) => (JSON.parse(readFileSync(join(repoRoot, p.dir, "package.json"), "utf8")) as { name: string }).name))
    if (packed.has("@jiritsu/sim")) {
      const sim = execFileSync(jiritsu, ["simulate", "--size", "200", "--months", "6", "--no-plot", "--quiet", "--out", "simulate-out"], { cwd: installed.project, encoding: "utf8" })
      expect(sim).toContain("simulated 200 persons × 6 months")
    }
    const absent = Object.entries({ simulate: "@jiritsu/sim", import: "@jiritsu/bridge", serve: "@jiritsu/rest" }).find(([, pkg]) => !packed.has(pkg))
    if (absent === undefined) return
    let missing = ""
    try {
      execFileSync(jiritsu, [absent[0]], { cwd: installed.project, encoding: "utf8", stdio: "pipe" })
    } catch (e) {
      missing = String((e as { stderr: string }).stderr)
    }
    expect(missing).toContain(`npm install ${absent[1]}`)
  })
})
