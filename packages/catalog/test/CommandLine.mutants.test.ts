/**
 * The `jiritsu` command line, pinned down where the mutation run found it loose: every usage error
 * with its exact message and exit code (options without values, `--lang` values, unknown options
 * and commands, `--catalog` as an alias), help and usage exits, `schema variants`, `check` with
 * issues in both languages, catalogue modules that fail to load or export no catalogue, invalid
 * variants files (English and Japanese), `test-rules` exit codes for each kind of failure alone and
 * its report relative to the working directory, and the plugin look-up's messages and default
 * second location.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it, vi } from "vitest"
import { Catalogue, CommandLine, TestCase, Variant } from "../src/index.ts"
import { validCase } from "./fixtures/cases.ts"

const cat = Catalogue.catalogue
const usage = CommandLine.usage
const srcIndex = fileURLToPath(new URL("../src/index.ts", import.meta.url))
const teamCatalogue = fileURLToPath(new URL("./fixtures/team-catalogue.ts", import.meta.url))
const variantFixture = fileURLToPath(new URL("./fixtures/sakura.variant.json", import.meta.url))

const roots: Array<string> = []
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))
/** A temp directory holding the given files (name → text). */
const dirWith = (files: Readonly<Record<string, string>>): string => {
  const dir = mkdtempSync(join(tmpdir(), "jiritsu-cli-mutants-"))
  roots.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const run = async (argv: ReadonlyArray<string>, cwd = process.cwd(), pluginDirs?: ReadonlyArray<string>) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const code = await CommandLine.main(argv, { cwd, out: (l) => out.push(l), err: (l) => err.push(l), ...(pluginDirs ? { pluginDirs } : {}) })
  return { code, out, err }
}
const usageError = (message: string) => ({ code: 2, out: [], err: [`jiritsu: ${message}\n${usage}`] })

const casesFile = (cases: ReadonlyArray<unknown>) => JSON.stringify({ format: TestCase.FORMAT, cases })

// A catalogue module (in a temp dir) built from this package's own sources.
const catalogueModule = (body: string) => `import { Catalogue } from ${JSON.stringify(srcIndex)}\n${body}\n`
const duplicated = catalogueModule("export const catalogue = { ...Catalogue.catalogue, programmes: [...Catalogue.catalogue.programmes, Catalogue.catalogue.programmes[0]] }")

describe("usage errors: message and exit 2", () => {
  it("an option without its value", async () => {
    expect(await run(["check", "--catalogue"])).toEqual(usageError("--catalogue needs a module path"))
    expect(await run(["check", "--catalog"])).toEqual(usageError("--catalog needs a module path"))
    expect(await run(["check", "--variants"])).toEqual(usageError("--variants needs a JSON file"))
    expect(await run(["check", "--lang"])).toEqual(usageError("--lang is ja or en"))
  })

  it("a language other than ja or en", async () => {
    expect(await run(["check", "--lang", "fr"])).toEqual(usageError("--lang is ja or en"))
  })

  it("an unknown option, also after a path", async () => {
    expect(await run(["check", "--frobnicate"])).toEqual(usageError("unknown option --frobnicate"))
    expect(await run(["test-rules", "cases", "--verbose", "x"])).toEqual(usageError("unknown option --verbose"))
  })

  it("an unknown command", async () => {
    expect(await run(["frobnicate"])).toEqual({ code: 2, out: [], err: [`jiritsu: unknown command frobnicate\n${usage}`] })
    // Names that every object inherits are no plugin commands either.
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(await run([name])).toEqual({ code: 2, out: [], err: [`jiritsu: unknown command ${name}\n${usage}`] })
    }
  })

  it("test-rules without a file or directory", async () => {
    expect(await run(["test-rules", "--lang", "ja"])).toEqual({ code: 2, out: [], err: [`jiritsu test-rules: name at least one file or directory\n${usage}`] })
  })
})

describe("help", () => {
  it("no arguments print the usage and exit 2; help and --help print it and exit 0", async () => {
    expect(await run([])).toEqual({ code: 2, out: [usage], err: [] })
    expect(await run(["help"])).toEqual({ code: 0, out: [usage], err: [] })
    expect(await run(["--help"])).toEqual({ code: 0, out: [usage], err: [] })
  })
})

describe("schema", () => {
  it("prints the test-case schema by name and the variant-file schema for `variants`", async () => {
    const cases = await run(["schema", "test-cases"])
    expect(cases.code).toBe(0)
    expect(JSON.parse(cases.out.join("\n"))).toEqual(TestCase.jsonSchema())
    const variants = await run(["schema", "variants"])
    expect(variants).toEqual({ code: 0, out: [JSON.stringify(Variant.jsonSchema(), null, 2)], err: [] })
    expect(Variant.jsonSchema()).not.toEqual(TestCase.jsonSchema())
  })

  it("refuses any other schema name with exit 2", async () => {
    expect(await run(["schema", "programmes"])).toEqual({ code: 2, out: [], err: ["jiritsu schema: expected test-cases or variants, got programmes"] })
  })
})

describe("check", () => {
  it("--lang ja and --lang en choose the summary's language", async () => {
    expect(await run(["check", "--lang", "ja"])).toEqual({ code: 0, out: [`事業 ${cat.programmes.length}件を検査、指摘 0件`], err: [] })
    expect(await run(["check", "--lang", "en"])).toEqual({ code: 0, out: [`${cat.programmes.length} programmes checked, 0 issue(s)`], err: [] })
  })

  it("--catalog is --catalogue", async () => {
    expect(await run(["check", "--catalog", teamCatalogue])).toEqual({ code: 0, out: [`${cat.programmes.length + 1} programmes checked, 0 issue(s)`], err: [] })
  })

  it("prints each issue and exits 1 (English and Japanese)", async () => {
    const dir = dirWith({ "dup.ts": duplicated })
    const n = cat.programmes.length + 1
    expect(await run(["check", "--catalogue", "dup.ts"], dir)).toEqual({
      code: 1,
      out: ['✗ national.hw_handoff: duplicate programme id "national.hw_handoff"', `${n} programmes checked, 1 issue(s)`],
      err: []
    })
    // The issue itself is not pinned in Japanese: check's own messages have no Japanese wording yet.
    const ja = await run(["check", "--catalogue", "dup.ts", "--lang", "ja"], dir)
    expect([ja.code, ja.out.length, ja.out[0]?.startsWith("✗ national.hw_handoff: "), ja.out[1], ja.err]).toEqual([1, 2, true, `事業 ${n}件を検査、指摘 1件`, []])
  })
})

describe("catalogue modules", () => {
  const dir = dirWith({
    "throws.ts": "throw new Error('boom at load')\n",
    "default.ts": catalogueModule("export default Catalogue.catalogue"),
    "nofacts.ts": "export const catalogue = { programmes: [] }\n",
    "function.ts": "export const catalogue = Object.assign(() => 0, { programmes: [], facts: {}, groups: {} })\n",
    "nothing.ts": "export const something = 1\n",
    "null.ts": "export const catalogue = null\nexport default null\n"
  })
  const noCatalogue = (m: string) => ({ code: 1, out: [], err: [`jiritsu: ${m} exports no catalogue (expected an export named "catalogue" or a default export)`] })

  it("a module that throws while loading is named with the error", async () => {
    expect(await run(["check", "--catalogue", "throws.ts"], dir)).toEqual({ code: 1, out: [], err: ["jiritsu: cannot load catalogue module throws.ts: boom at load"] })
  })

  it("a default export is a catalogue too", async () => {
    expect(await run(["check", "--catalogue", "default.ts"], dir)).toEqual({ code: 0, out: [`${cat.programmes.length} programmes checked, 0 issue(s)`], err: [] })
  })

  it("an export without facts, a function, null, or no export at all is not a catalogue", async () => {
    expect(await run(["check", "--catalogue", "null.ts"], dir)).toEqual(noCatalogue("null.ts"))
    expect(await run(["check", "--catalogue", "nofacts.ts"], dir)).toEqual(noCatalogue("nofacts.ts"))
    expect(await run(["check", "--catalogue", "function.ts"], dir)).toEqual(noCatalogue("function.ts"))
    expect(await run(["check", "--catalogue", "nothing.ts"], dir)).toEqual(noCatalogue("nothing.ts"))
  })

  it("test-rules stops at a module that does not load; variants are not read after it", async () => {
    expect(await run(["test-rules", "cases", "--catalogue", "throws.ts"], dir)).toEqual({ code: 1, out: [], err: ["jiritsu: cannot load catalogue module throws.ts: boom at load"] })
    expect(await run(["check", "--catalogue", "throws.ts", "--variants", variantFixture], dir)).toEqual({
      code: 1,
      out: [],
      err: ["jiritsu: cannot load catalogue module throws.ts: boom at load"]
    })
  })
})

describe("invalid variants files", () => {
  const d = JSON.parse(readFileSync(variantFixture, "utf8"))
  d.variants[0].windows[0].exceptions[0].when.values = ["nope_a", "nope_b"]
  const dir = dirWith({ "bad.variant.json": JSON.stringify(d, null, 2) })
  const file = join(dir, "bad.variant.json")
  const at = (k: number) => `variants.0.windows.0.exceptions.0.when.values.${k}`

  it("lists every issue with file, line and path (English)", async () => {
    expect(await run(["check", "--variants", "bad.variant.json"], dir)).toEqual({
      code: 1,
      out: [],
      err: [`jiritsu: invalid variants file:\n  ✗ ${file}:72:19: ${at(0)}: unknown target group "nope_a"\n  ✗ ${file}:73:19: ${at(1)}: unknown target group "nope_b"`]
    })
  })

  it("lists every issue in Japanese with --lang ja", async () => {
    expect(await run(["check", "--variants", "bad.variant.json", "--lang", "ja"], dir)).toEqual({
      code: 1,
      out: [],
      err: [
        `jiritsu: 自治体ルールのファイルに誤りがあります:\n  ✗ ${file}:72:19: ${at(0)}: 不明な対象者区分 "nope_a"\n  ✗ ${file}:73:19: ${at(1)}: 不明な対象者区分 "nope_b"`
      ]
    })
  })
})

describe("test-rules", () => {
  it("names every path without test-case files", async () => {
    expect(await run(["test-rules", "/no/such/a", "/no/such/b"])).toEqual({ code: 1, out: [], err: ["jiritsu: no test-case files at /no/such/a, /no/such/b"] })
  })

  it("exits 1 on a failing case alone, an invalid file alone and an invalid case alone", async () => {
    const dir = dirWith({
      "failing.json": casesFile([{ ...validCase, expect: { outcome: "ineligible" } }]),
      "invalid-file.json": "{",
      "invalid-case.json": casesFile([validCase, { ...validCase, asOf: "2014-02-30" }])
    })
    const summaryOf = async (f: string) => {
      const r = await run(["test-rules", f], dir)
      return [r.code, r.out.join("\n").split("\n").pop()]
    }
    expect(await summaryOf("failing.json")).toEqual([1, "0 passed, 1 failed"])
    expect(await summaryOf("invalid-file.json")).toEqual([1, "0 passed, 0 failed, 1 invalid file(s)"])
    expect(await summaryOf("invalid-case.json")).toEqual([1, "1 passed, 0 failed, 1 invalid case(s)"])
  })

  it("reports files relative to the working directory, in the language asked for", async () => {
    const dir = dirWith({ "ok.json": casesFile([validCase]) })
    expect(await run(["test-rules", "ok.json", "--lang", "ja"], dir)).toEqual({ code: 0, out: [`ok.json\n  ✓ ${validCase.name}\n\n合格 1件、不合格 0件`], err: [] })
  })
})

describe("plugins", () => {
  it("a missing plugin is named in English and Japanese, exit 2", async () => {
    const empty = dirWith({})
    expect(await run(["serve"], empty, [])).toEqual({
      code: 2,
      out: [],
      err: [
        "jiritsu serve: this command comes from @jiritsu/rest, which is not installed here. Install it next to @jiritsu/catalog: npm install @jiritsu/rest",
        "jiritsu serve: このコマンドは @jiritsu/rest が提供します。インストールしてください: npm install @jiritsu/rest"
      ]
    })
  })

  it("without pluginDirs, a plugin is also looked up from the catalogue's own location", async () => {
    // In this workspace @jiritsu/sim is installed next to the catalogue: it runs (and refuses
    // `estimate` without an input file on its own stderr), so nothing says it is missing.
    const empty = dirWith({})
    const written: Array<string> = []
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => written.push(String(chunk)) > 0)
    const r = await run(["estimate"], empty).finally(() => spy.mockRestore())
    expect(r).toEqual({ code: 2, out: [], err: [] })
    expect(written.join("")).toMatch(/^jiritsu estimate: /)
  })
})
