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
