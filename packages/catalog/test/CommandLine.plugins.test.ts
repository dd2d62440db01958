// The one `jiritsu` command hands `simulate`, `estimate`, `import`, `export`, `sync` and `serve` to
// the plugin packages that own them (a small fixture plugin here, not the real packages): looked up
// from the working directory first, then from the catalogue's own location; a clear message names
// the package to install when it is missing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { CommandLine } from "../src/index.ts"
import { findPlugin, PLUGIN_COMMANDS } from "../src/internal/plugins.ts"

const roots: Array<string> = []
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))

/** A project directory with a fixture plugin package installed under node_modules. */
const projectWithPlugin = (name: string, exportsMap: unknown, cli: string): string => {
  const root = mkdtempSync(join(tmpdir(), "jiritsu-plugin-"))
  roots.push(root)
  const dir = join(root, "node_modules", ...name.split("/"))
  mkdirSync(join(dir, "dist"), { recursive: true })
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version: "0.0.0", type: "module", exports: exportsMap }))
  writeFileSync(join(dir, "dist", "cli.js"), cli)
  return root
}

const echoPlugin = `
export const commands = [{ name: "simulate", summary: "run a simulation", summaryJa: "シミュレーション" }]
export const main = async (argv) => { globalThis.__pluginArgv = argv; return argv.includes("--fail") ? 1 : 7 }
`

const run = async (argv: ReadonlyArray<string>, cwd: string, pluginDirs?: ReadonlyArray<string>) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const code = await CommandLine.main(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l), ...(pluginDirs ? { pluginDirs } : {}) })
  return { code, out: out.join("\n"), err: err.join("\n") }
}

describe("CLI plugins", () => {
  it("each plugin subcommand belongs to the package of the contract", () => {
    expect(PLUGIN_COMMANDS).toEqual({
      simulate: "@jiritsu/sim",
      estimate: "@jiritsu/sim",
      import: "@jiritsu/bridge",
      export: "@jiritsu/bridge",
      sync: "@jiritsu/bridge",
      serve: "@jiritsu/rest"
    })
  })

  it("passes the subcommand and its arguments to the plugin's main and returns its exit code", async () => {
    const cwd = projectWithPlugin("@jiritsu/sim", { "./cli": { import: { types: "./dist/cli.d.ts", default: "./dist/cli.js" }, require: "./dist/cli.cjs" } }, echoPlugin)
    const r = await run(["simulate", "scenario.json", "--runs", "10"], cwd)
    expect(r.err).toBe("")
    expect(r.code).toBe(7)
    expect((globalThis as { __pluginArgv?: unknown }).__pluginArgv).toEqual(["simulate", "scenario.json", "--runs", "10"])
    expect((await run(["estimate", "--fail"], cwd)).code).toBe(1)
  })

  it("says which package to install when the plugin is missing (English and Japanese), exit 2", async () => {
    const empty = mkdtempSync(join(tmpdir(), "jiritsu-noplugin-"))
    roots.push(empty)
    for (const [command, pkg] of Object.entries(PLUGIN_COMMANDS)) {
      // Only the empty project is searched: in this workspace the real plugins resolve from the catalogue.
      const r = await run([command], empty, [])
      expect(r.code).toBe(2)
      expect(r.err).toContain(`npm install ${pkg}`)
      expect(r.err).toContain("インストールしてください")
    }
  })

  it("reports a plugin without a ./cli entry, one that does not load and one that throws", async () => {
    const noCli = projectWithPlugin("@jiritsu/rest", { ".": "./dist/cli.js" }, echoPlugin)
    expect((await run(["serve"], noCli)).err).toMatch(/has no \.\/cli entry/)
    const broken = projectWithPlugin("@jiritsu/bridge", { "./cli": "./dist/cli.js" }, "export const main = ;")
    const b = await run(["import", "x.csv"], broken)
    expect(b.code).toBe(1)
    expect(b.err).toMatch(/cannot load @jiritsu\/bridge\/cli/)
    const throwing = projectWithPlugin("@jiritsu/bridge", { "./cli": "./dist/cli.js" }, "export const main = async () => { throw new Error('no such file x.csv') }")
    const t = await run(["sync"], throwing)
    expect(t.code).toBe(2)
    expect(t.err).toBe("jiritsu sync: no such file x.csv")
  })

  it("looks in the working directory first, then in the next base (the catalogue's own location)", () => {
    const first = projectWithPlugin("@jiritsu/sim", { "./cli": "./dist/cli.js" }, echoPlugin)
    const second = projectWithPlugin("@jiritsu/sim", { "./cli": ["./dist/cli.js"] }, echoPlugin)
    const nested = join(second, "project", "src")
    mkdirSync(nested, { recursive: true })
    const empty = mkdtempSync(join(tmpdir(), "jiritsu-noplugin-"))
    roots.push(empty)
    expect(findPlugin("@jiritsu/sim", [first, second])).toEqual({ file: join(first, "node_modules/@jiritsu/sim/dist/cli.js") })
    expect(findPlugin("@jiritsu/sim", [empty, nested])).toEqual({ file: join(second, "node_modules/@jiritsu/sim/dist/cli.js") })
    expect(findPlugin("@jiritsu/sim", [empty])).toEqual({ missing: true })
  })

  it("usage lists the plugin subcommands with their packages", async () => {
    const r = await run(["help"], process.cwd())
    expect(r.out).toMatch(/simulate, estimate\s+@jiritsu\/sim/)
    expect(r.out).toMatch(/import, export, sync\s+@jiritsu\/bridge/)
    expect(r.out).toMatch(/serve\s+@jiritsu\/rest/)
  })
})
