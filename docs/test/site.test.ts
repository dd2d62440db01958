// The documentation site's checks (ADR 0004): generated pages equal a fresh generation, every link
// of every checked-in page resolves (anchors included), every public export of every registered
// package has a doc comment with an example that compiles, and the checkers themselves find what
// they must (generated pages and modules with known defects, line by line).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, OpenApi } from "effect/http-api"
import { Schema } from "effect"
import fc from "fast-check"
import type { MarkdownRenderer } from "vitepress"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CheckResult, checkDocs, failingFindings, formatFinding, type Pending, pendingFile, pendingOf } from "../site/docCheck.ts"
import { generatedPages } from "../site/gen.ts"
import { checkedInPages, checkLinks, docsRoot, formatLinkFinding, siteMarkdown } from "../site/links.ts"
import { entryPointsOf, manifestOf, packages, repoRoot } from "../site/packages.ts"
import { operationAnchor, restMarkdown, schemaAnchor } from "../site/rest.ts"

const firstDifference = (a: string, b: string): number => {
  const x = a.split("\n")
  const y = b.split("\n")
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1
  return 0
}

describe("generated pages", () => {
  it("equal a fresh generation (run `pnpm docs:gen` after a change)", async () => {
    const stale: Array<string> = []
    for (const [page, text] of await generatedPages()) {
      const file = join(docsRoot, page)
      if (!existsSync(file)) stale.push(`docs/${page}: missing`)
      else if (readFileSync(file, "utf8") !== text) stale.push(`docs/${page}:${firstDifference(readFileSync(file, "utf8"), text)}: differs from the generated text`)
    }
    expect(stale).toEqual([])
  })

  it("cover the catalogue in both languages, every published JSON Schema and the REST reference", async () => {
    const pages = await generatedPages()
    expect([...pages.keys()]).toEqual(expect.arrayContaining(["catalogue.md", "ja/catalogue.md", "reference/rest.md", "reference/schemas/index.md"]))
    const schemaFiles = packages.flatMap((p) => Object.values(manifestOf(p).exports ?? {}).filter((v): v is string => typeof v === "string" && v.endsWith(".schema.json")))
    expect(schemaFiles.length).toBeGreaterThanOrEqual(3)
    for (const f of schemaFiles) expect(pages.get(`reference/schemas/${f.split("/").pop()!.replace(/\.schema\.json$/, "")}.md`), f).toBeDefined()
  })

  it("the concept pages exist in English and Japanese, and the test files they name exist", () => {
    for (const page of ["index", "eligibility", "stages", "consent", "targets"]) {
      expect(existsSync(join(docsRoot, "concepts", `${page}.md`)), `concepts/${page}.md`).toBe(true)
      expect(existsSync(join(docsRoot, "ja", "concepts", `${page}.md`)), `ja/concepts/${page}.md`).toBe(true)
    }
    const missing: Array<string> = []
    for (const page of checkedInPages("api")) {
      const text = readFileSync(join(docsRoot, page), "utf8")
      for (const m of text.matchAll(/packages\/[\w-]+\/test\/[\w.-]+\.test\.ts/g)) if (!existsSync(join(repoRoot, m[0]))) missing.push(`docs/${page}:${text.slice(0, m.index).split("\n").length}: ${m[0]}`)
    }
    expect(missing).toEqual([])
  })
})

describe("links", () => {
  it("every link of every checked-in page resolves, anchors included", async () => {
    const pages = checkedInPages("api")
    expect(pages.length).toBeGreaterThan(25)
    const findings = await checkLinks(docsRoot, pages, { generated: { dir: "api", pages: ["api/index.md"] } })
    expect(findings.map(formatLinkFinding)).toEqual([])
  })
})

describe("every public export has a doc comment with an example that compiles", () => {
  let result: CheckResult
  beforeAll(() => {
    result = checkDocs(packages)
  }, 120_000)

  const pending = (existsSync(pendingFile) ? JSON.parse(readFileSync(pendingFile, "utf8")) : {}) as Pending

  for (const pkg of packages) {
    const name = manifestOf(pkg).name
    const still = pending[name]?.length ?? 0
    it(`${name} (${entryPointsOf(pkg).map((e) => e.specifier).join(", ")})${pkg.pendingDocs === true ? ` — ${still} still to write, listed in docs/site/pending-docs.json` : ""}`, () => {
      expect(failingFindings(result, pkg, pending)).toEqual([])
      for (const e of entryPointsOf(pkg)) expect(result.exports.get(e.specifier), e.specifier).toBeGreaterThan(0)
    })
  }

  it("@jiritsu/core and @jiritsu/catalog have nothing pending, and the list names only pending packages", () => {
    expect(packages.filter((p) => p.pendingDocs === true).map((p) => p.dir)).not.toEqual(expect.arrayContaining(["packages/core", "packages/catalog"]))
    expect(Object.keys(pending).sort()).toEqual(packages.filter((p) => p.pendingDocs === true).map((p) => manifestOf(p).name).sort())
  })

  it("every package folder is registered for the site (docs/site/packages.ts)", () => {
    const registered = new Set(packages.map((p) => p.dir))
    const folders = readdirSync(join(repoRoot, "packages")).filter((d) => existsSync(join(repoRoot, "packages", d, "package.json")))
    expect(folders.filter((d) => !registered.has(`packages/${d}`)).map((d) => `packages/${d} is not in docs/site/packages.ts`)).toEqual([])
  })
})

// --- the checkers find what they must ---------------------------------------------------------

describe("the link check (generated pages with known broken links)", () => {
  let md: MarkdownRenderer
  const root = mkdtempSync(join(tmpdir(), "jiritsu-links-"))
  beforeAll(async () => {
    md = await siteMarkdown()
  }, 60_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  type Link = { readonly kind: "page" | "missing-page" | "anchor" | "missing-anchor" | "external" | "bad-external" | "outside"; readonly href: string }
  const heading = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,12}[A-Za-z0-9]$/)
  const link = (headings: ReadonlyArray<string>): fc.Arbitrary<Link> =>
    fc.oneof(
      fc.constant<Link>({ kind: "page", href: "b.md" }),
      fc.constant<Link>({ kind: "page", href: "./b" }),
      fc.constant<Link>({ kind: "missing-page", href: "nowhere.md" }),
      fc.constantFrom(...headings).map<Link>((h) => ({ kind: "anchor", href: `b.md#${h.toLowerCase().replace(/ +/g, "-")}` })),
      fc.constant<Link>({ kind: "missing-anchor", href: "b.md#no-such-heading" }),
      fc.constant<Link>({ kind: "external", href: "https://example.org/a?b=c" }),
      fc.constantFrom<Link>({ kind: "bad-external", href: "https://example/x" }, { kind: "bad-external", href: "ftp://example.org/x" }, { kind: "bad-external", href: "https://localhostx/" }),
      fc.constant<Link>({ kind: "outside", href: "../../outside.md" })
    )
  const page = fc.uniqueArray(heading, { minLength: 1, maxLength: 4, selector: (h) => h.toLowerCase().replace(/ +/g, "-") }).chain((headings) =>
    fc.record({ headings: fc.constant(headings), links: fc.array(link(headings), { minLength: 1, maxLength: 8 }), inCode: fc.boolean() })
  )

  it("reports exactly the broken links, each at its line (generated pages)", async () => {
    const reached = new Map<Link["kind"], number>()
    await fc.assert(
      fc.asyncProperty(page, async ({ headings, links, inCode }) => {
        const dir = mkdtempSync(join(root, "p-"))
        writeFileSync(join(dir, "b.md"), headings.map((h) => `## ${h}\n\ntext\n`).join("\n"))
        const lines = ["# A", ""]
        const expected: Array<string> = []
        for (const l of links) {
          reached.set(l.kind, (reached.get(l.kind) ?? 0) + 1)
          lines.push(`See [there](${l.href}).`, "")
          if (!["page", "anchor", "external"].includes(l.kind)) expected.push(`${lines.length - 1}: ${l.href}`)
        }
        // A link inside a code block is not a link.
        if (inCode) lines.push("```md", "[nope](nowhere-in-code.md)", "```", "")
        writeFileSync(join(dir, "a.md"), lines.join("\n"))
        const findings = await checkLinks(dir, ["a.md", "b.md"], {}, md)
        expect(findings.map((f) => `${f.line}: ${f.link}`)).toEqual(expected)
      }),
      { numRuns: 150 }
    )
    for (const kind of ["page", "missing-page", "anchor", "missing-anchor", "external", "bad-external", "outside"] as const) expect(reached.get(kind) ?? 0, kind).toBeGreaterThan(20)
  }, 120_000)

  it("sees explicit ids, Japanese headings and repeated headings as VitePress does", async () => {
    const dir = mkdtempSync(join(root, "ids-"))
    writeFileSync(join(dir, "b.md"), ['<a id="national.hw_handoff"></a>', "", "## 事業一覧", "", "## Rule", "", "## Rule", ""].join("\n"))
    writeFileSync(join(dir, "a.md"), ["[x](b.md#national.hw_handoff) [y](b.md#事業一覧) [z](b.md#rule-1) [w](b.md#rule-2)", ""].join("\n"))
    const findings = await checkLinks(dir, ["a.md", "b.md"], {}, md)
    expect(findings.map(formatLinkFinding)).toEqual([`${join(dir, "a.md").slice(join(dir, "..").length + 1)}:1: b.md#rule-2: no heading or id "rule-2" in ${join(dir, "b.md").slice(join(dir, "..").length + 1)}`])
  })

  it("lets checked-in pages link into the generated API folder only at its index", async () => {
    const dir = mkdtempSync(join(root, "api-"))
    writeFileSync(join(dir, "a.md"), "[api](api/index.md) [deep](api/@jiritsu/core/namespaces/Rule.md)\n")
    const findings = await checkLinks(dir, ["a.md"], { generated: { dir: "api", pages: ["api/index.md"] } }, md)
    expect(findings.map((f) => f.link)).toEqual(["api/@jiritsu/core/namespaces/Rule.md"])
  })
})

describe("the doc-comment check (a generated module with known defects)", () => {
  const fixtureDir = join(repoRoot, "docs", "site", `.fixture-${process.pid}`)
  afterAll(() => rmSync(fixtureDir, { recursive: true, force: true }))

  type State = "fine" | "no-comment" | "no-example" | "broken-example"
  type Kind = "const" | "function" | "interface" | "schema"
  const decl = fc.record({ kind: fc.constantFrom<Kind>("const", "function", "interface", "schema"), state: fc.constantFrom<State>("fine", "no-comment", "no-example", "broken-example") })

  const render = (name: string, kind: Kind, state: State): ReadonlyArray<string> => {
    const example = state === "broken-example" ? `const n: number = Mod.${kind === "interface" ? "absent" : name}Missing` : kind === "interface" ? `const v: Mod.${name} = { id: "x" }` : kind === "function" ? `Mod.${name}(1)` : `Mod.${name}`
    const comment = state === "no-comment" ? [] : ["/**", ` * ${name} (名前).`, ...(state === "no-example" ? [] : [" * @example", " * ```ts", ` * ${example}`, " * ```"]), " */"]
    const body =
      kind === "const"
        ? [`export const ${name} = 1`]
        : kind === "function"
          ? [`export const ${name} = (n: number): number => n + 1`]
          : kind === "interface"
            ? [`export interface ${name} {`, "  readonly id: string", "}"]
            : [`export const ${name} = { id: "x" } as const`, `export type ${name} = typeof ${name}`]
    return [...comment, ...body, ""]
  }

  it("reports every undocumented export, missing example and broken example at its file and line", () => {
    const reached = new Map<string, number>()
    fc.assert(
      fc.property(fc.array(decl, { minLength: 8, maxLength: 24 }), (decls) => {
        rmSync(fixtureDir, { recursive: true, force: true })
        mkdirSync(join(fixtureDir, "src"), { recursive: true })
        writeFileSync(join(fixtureDir, "package.json"), JSON.stringify({ name: "@jiritsu/doc-fixture", type: "module", exports: { ".": "./src/index.ts" } }))
        writeFileSync(join(fixtureDir, "src", "index.ts"), '/**\n * The fixture.\n * @module\n */\nexport * as Mod from "./Mod.ts"\n')
        const lines = ["/**", " * Mod — a generated module.", " * @module", " */", ""]
        const expected: Array<string> = []
        decls.forEach((d, i) => {
          const name = `${d.kind === "interface" ? "I" : d.kind === "schema" ? "S" : "x"}${i}`
          reached.set(`${d.kind}:${d.state}`, (reached.get(`${d.kind}:${d.state}`) ?? 0) + 1)
          const block = render(name, d.kind, d.state)
          const declLine = lines.length + block.findIndex((l) => l.startsWith("export")) + 1
          const exampleLine = lines.length + block.findIndex((l) => l.includes("@example")) + 3
          if (d.state === "no-comment") expected.push(`${declLine}: Mod.${name}: no doc comment`)
          if (d.state === "no-example") expected.push(`${declLine}: Mod.${name}: no @example`)
          if (d.state === "broken-example") expected.push(`${exampleLine}: Mod.${name}: example does not compile`)
          lines.push(...block)
        })
        writeFileSync(join(fixtureDir, "src", "Mod.ts"), lines.join("\n"))
        const pkg = { dir: `docs/site/.fixture-${process.pid}` }
        const result = checkDocs([pkg])
        const got = [...new Set(result.findings.map((f) => `${f.line}: ${f.export.split(" › ")[1]}: ${f.problem}`))]
        expect(got.sort()).toEqual(expected.sort())
        for (const f of result.findings) expect(f.file).toBe(`docs/site/.fixture-${process.pid}/src/Mod.ts`)
      }),
      { numRuns: 8 }
    )
    // Eight modules of 8–24 declarations reach most of the 16 kind × state cells.
    expect(reached.size).toBeGreaterThanOrEqual(14)
    for (const state of ["fine", "no-comment", "no-example", "broken-example"]) expect([...reached.keys()].filter((k) => k.endsWith(`:${state}`)).length, state).toBeGreaterThan(0)
  }, 240_000)

  it("asks for a module comment on every namespace's file", () => {
    rmSync(fixtureDir, { recursive: true, force: true })
    mkdirSync(join(fixtureDir, "src"), { recursive: true })
    writeFileSync(join(fixtureDir, "package.json"), JSON.stringify({ name: "@jiritsu/doc-fixture", type: "module", exports: { ".": "./src/index.ts" } }))
    writeFileSync(join(fixtureDir, "src", "index.ts"), '/**\n * The fixture.\n * @module\n */\nexport * as Mod from "./Mod.ts"\n')
    writeFileSync(join(fixtureDir, "src", "Mod.ts"), "/** Mod, without the tag. */\n/**\n * One.\n * @example\n * ```ts\n * Mod.one\n * ```\n */\nexport const one = 1\n")
    const pkg = { dir: `docs/site/.fixture-${process.pid}` }
    expect(checkDocs([pkg]).findings.map(formatFinding)).toEqual([`docs/site/.fixture-${process.pid}/src/Mod.ts:1: @jiritsu/doc-fixture › Mod: no module comment`])
  }, 120_000)
  it("lets a pending package keep only the undocumented exports on its list, which can only shrink", () => {
    const pkg = { dir: `docs/site/.fixture-${process.pid}`, pendingDocs: true as const }
    const write = (mod: string): void => {
      rmSync(fixtureDir, { recursive: true, force: true })
      mkdirSync(join(fixtureDir, "src"), { recursive: true })
      writeFileSync(join(fixtureDir, "package.json"), JSON.stringify({ name: "@jiritsu/doc-fixture", type: "module", exports: { ".": "./src/index.ts" } }))
      writeFileSync(join(fixtureDir, "src", "index.ts"), '/**\n * The fixture.\n * @module\n */\nexport * as Mod from "./Mod.ts"\n')
      writeFileSync(join(fixtureDir, "src", "Mod.ts"), `/**\n * Mod.\n * @module\n */\n${mod}`)
    }
    const documented = (name: string): string => `/**\n * ${name}.\n * @example\n * \`\`\`ts\n * Mod.${name}\n * \`\`\`\n */\nexport const ${name} = 1\n`
    write("export const a = 1\nexport const b = 2\n")
    const pending = pendingOf(checkDocs([pkg]), [pkg])
    expect(pending["@jiritsu/doc-fixture"]).toEqual(["@jiritsu/doc-fixture › Mod.a (no doc comment)", "@jiritsu/doc-fixture › Mod.b (no doc comment)"])
    expect(failingFindings(checkDocs([pkg]), pkg, pending)).toEqual([])
    // A new undocumented export fails, naming file and line; so does a listed export documented since.
    write(`${documented("a")}export const b = 2\nexport const c = 3\n`)
    const failing = failingFindings(checkDocs([pkg]), pkg, pending)
    expect(failing).toHaveLength(2)
    expect(failing[0]).toMatch(/Mod\.ts:\d+: @jiritsu\/doc-fixture › Mod\.c: no doc comment \(a new undocumented export/)
    expect(failing[1]).toBe("docs/site/pending-docs.json: @jiritsu/doc-fixture › Mod.a (no doc comment) is done: take it off the list")
    // An example that does not compile fails even in a pending package.
    write("/**\n * a.\n * @example\n * ```ts\n * const s: string = Mod.a\n * ```\n */\nexport const a = 1\nexport const b = 2\n")
    expect(failingFindings(checkDocs([pkg]), pkg, { "@jiritsu/doc-fixture": ["@jiritsu/doc-fixture › Mod.b (no doc comment)"] })).toEqual([
      expect.stringMatching(/Mod\.ts:9: @jiritsu\/doc-fixture › Mod\.a: example does not compile/)
    ])
  }, 120_000)
})

describe("the REST reference (from a real effect HttpApi through OpenApi.fromApi)", () => {
  const Case = Schema.Struct({ id: Schema.String, stage: Schema.Literals(["daily_living", "employment"]) }).annotate({ identifier: "Case" })
  const Api = HttpApi.make("demo")
    .add(
      HttpApiGroup.make("cases")
        .add(HttpApiEndpoint.get("getCase", "/v1/cases/:id", { params: { id: Schema.String }, success: Case }))
        .add(HttpApiEndpoint.post("createCase", "/v1/cases", { payload: Case, success: Case }))
    )
    .annotate(OpenApi.Title, "demo service")

  it("lists every operation with an anchor, and every schema", async () => {
    const doc = OpenApi.fromApi(Api)
    const page = restMarkdown(doc)
    expect(page).toContain("# REST API: demo service")
    for (const [path, method] of [["/v1/cases/{id}", "get"], ["/v1/cases", "post"]] as const) {
      expect(page).toContain(`### \`${method.toUpperCase()} ${path}\``)
      expect(page).toContain(`<a id="${operationAnchor(method, path)}"></a>`)
    }
    expect(page).toContain(`<a id="${schemaAnchor("Case")}"></a>`)
    expect(page).toContain('`"daily_living"` \\| `"employment"`')
    expect(restMarkdown(doc)).toBe(page)
    const dir = mkdtempSync(join(tmpdir(), "jiritsu-rest-"))
    try {
      writeFileSync(join(dir, "rest.md"), page)
      expect((await checkLinks(dir, ["rest.md"])).map(formatLinkFinding)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
