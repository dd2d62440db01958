import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Rule } from "@jiritsu/core"
import { describe, expect, it } from "vitest"
import { Catalogue, Docs } from "../src/index.ts"

// The repository's root; in mutation mode the tests run in a sandbox copy of the package, deeper
// than the package, and the root is given instead (docs/adr/0005).
const root = process.env["JIRITSU_MUTATION"] === "1" && process.env["JIRITSU_ROOT"] !== undefined ? process.env["JIRITSU_ROOT"] : fileURLToPath(new URL("../../../", import.meta.url))
const fromRoot = (path: string): string => readFileSync(join(root, path), "utf8")
const pages = { en: "docs/catalogue.md", ja: "docs/ja/catalogue.md" } as const

for (const lang of ["en", "ja"] as const) {
  describe(`the ${lang} catalogue page (${pages[lang]})`, () => {
    const text = Docs.catalogueMarkdown(Catalogue.catalogue, { lang })

    it("equals the text generated from the code (run `pnpm --filter @jiritsu/catalog gen-docs` after a change)", () => {
      expect(fromRoot(pages[lang])).toBe(text)
    })

    it("has a section for every programme with a Mermaid rule diagram and the clause ids of every version, and every stage graph", () => {
      for (const p of Catalogue.catalogue.programmes) {
        expect(text).toContain(`- id: \`${p.id}\``)
        expect(text).toContain(`<a id="${p.id}"></a>`)
        for (const v of p.ruleSet.versions) {
          expect(text).toContain(Rule.toMermaid(v.rule, { lang, ...(p.ruleSet.facts === undefined ? {} : { specs: p.ruleSet.facts }) }))
          for (const c of Rule.clauses(v.rule)) expect(text).toContain(`| \`${c.id}\` |`)
        }
        for (const d of p.referrals) expect(text).toContain(`(\`${d}\`)`)
      }
      expect(text).toContain("stateDiagram-v2")
      const versions = Catalogue.catalogue.programmes.reduce((n, p) => n + p.ruleSet.versions.length, 0)
      expect(text.match(/```mermaid/g)?.length).toBeGreaterThan(versions)
    })

    it("lists the allowed values of every closed fact a programme reads", () => {
      for (const p of Catalogue.catalogue.programmes) {
        for (const [name, spec] of Object.entries(p.ruleSet.facts ?? {})) {
          const row = text.split("\n").find((l) => l.startsWith(`| \`${name}\` | ${spec.type} |`))
          expect(row, `${p.id}: ${name}`).toBeDefined()
          for (const v of spec.values ?? []) expect(row, `${p.id}: ${name}`).toContain(`\`${v}\``)
        }
      }
    })

    it("is deterministic", () => {
      expect(Docs.catalogueMarkdown(Catalogue.catalogue, { lang })).toBe(text)
    })
  })
}

describe("docs/guides/extending-the-catalogue.md", () => {
  const guide = fromRoot("docs/guides/extending-the-catalogue.md")
  const quoted = [...guide.matchAll(/<!-- docs\/examples\/(catalog-[a-z]+\.ts) -->\n```ts\n([\s\S]*?)\n```/g)]

  it("quotes every catalogue example file verbatim", () => {
    expect(quoted.map((m) => m[1])).toEqual(["catalog-evaluate.ts", "catalog-variant.ts", "catalog-cases.ts", "catalog-vitest.ts"])
    for (const [, file, code] of quoted) {
      expect(code, file).toBe(fromRoot(`docs/examples/${file}`).trimEnd())
    }
  })
})
