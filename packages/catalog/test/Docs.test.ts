import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Rule } from "@jiritsu/core"
import { describe, expect, it } from "vitest"
import { Catalogue, Docs } from "../src/index.ts"

const docFile = fileURLToPath(new URL("../../../docs/catalogue.md", import.meta.url))

describe("docs/catalogue.md", () => {
  const text = Docs.catalogueMarkdown(Catalogue.catalogue)

  it("equals the text generated from the code (run `pnpm --filter @jiritsu/catalog gen-docs` after a change)", () => {
    expect(readFileSync(docFile, "utf8")).toBe(text)
  })

  it("has a section and a Mermaid rule diagram for every programme, and every stage graph", () => {
    for (const p of Catalogue.catalogue.programmes) {
      expect(text).toContain(`- id: \`${p.id}\``)
      const last = p.ruleSet.versions[p.ruleSet.versions.length - 1]!
      expect(text).toContain(Rule.toMermaid(last.rule, { lang: "ja", ...(p.ruleSet.facts === undefined ? {} : { specs: p.ruleSet.facts }) }))
    }
    expect(text).toContain("stateDiagram-v2")
    expect(text.match(/```mermaid/g)?.length).toBeGreaterThan(Catalogue.catalogue.programmes.length)
  })

  it("is deterministic", () => {
    expect(Docs.catalogueMarkdown(Catalogue.catalogue)).toBe(text)
  })
})

describe("docs/guides/extending-the-catalogue.md", () => {
  const guide = readFileSync(fileURLToPath(new URL("../../../docs/guides/extending-the-catalogue.md", import.meta.url)), "utf8")
  const quoted = [...guide.matchAll(/<<< \.\.\/examples\/(catalog-[a-z]+\.ts)\n\n```ts\n\/\/ docs\/examples\/\1\n([\s\S]*?)\n```/g)]

  it("quotes every catalogue example file verbatim", () => {
    expect(quoted.map((m) => m[1])).toEqual(["catalog-evaluate.ts", "catalog-variant.ts", "catalog-cases.ts", "catalog-vitest.ts"])
    for (const [, file, code] of quoted) {
      expect(code, file).toBe(readFileSync(fileURLToPath(new URL(`../../../docs/examples/${file}`, import.meta.url)), "utf8").trimEnd())
    }
  })
})
