// The published artefact: tsup builds ESM + CJS + .d.ts of the Node entry, and a package laid out as
// published (dist/ and site/, no app sources) serves its prebuilt site without trying to build.
import { execFileSync } from "node:child_process"
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Site } from "../src/index.ts"

const packageDir = join(import.meta.dirname, "..")
const published = mkdtempSync(join(tmpdir(), "jiritsu-dashboard-published-"))

type SiteModule = { readonly Site: { readonly directory: string; readonly status: () => string; readonly ensure: () => Promise<string> } }

beforeAll(async () => {
  execFileSync(join(packageDir, "..", "..", "node_modules", ".bin", "tsup"), ["--out-dir", join(published, "dist")], { cwd: packageDir, stdio: "pipe" })
  cpSync(await Site.ensure(), join(published, "site"), { recursive: true })
  writeFileSync(join(published, "package.json"), JSON.stringify({ name: "@jiritsu/dashboard", type: "module" }))
}, 180_000)

afterAll(() => rmSync(published, { recursive: true, force: true }))

describe("@jiritsu/dashboard as published", () => {
  it("emits ESM, CJS and type declarations", () => {
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts"]) expect(existsSync(join(published, "dist", file)), file).toBe(true)
  })

  it("ESM and CJS both find the shipped site and call it prebuilt (no build without sources)", async () => {
    const esm = (await import(pathToFileURL(join(published, "dist", "index.js")).href)) as SiteModule
    const cjs = createRequire(import.meta.url)(join(published, "dist", "index.cjs")) as SiteModule
    for (const { Site: site } of [esm, cjs]) {
      expect(site.directory).toBe(join(published, "site"))
      expect(site.status()).toBe("prebuilt")
      expect(await site.ensure()).toBe(join(published, "site"))
    }
  })

  it("without a shipped site it fails with a message naming the directory, not a stack of Vite errors", async () => {
    rmSync(join(published, "site"), { recursive: true, force: true })
    const esm = (await import(pathToFileURL(join(published, "dist", "index.js")).href)) as SiteModule
    expect(esm.Site.status()).toBe("missing")
    await expect(esm.Site.ensure()).rejects.toThrow(/no built site in .*site and no sources to build it from/)
  })
})
