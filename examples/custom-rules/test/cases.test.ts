import { Catalogue } from "@jiritsu/catalog"
import { describeRuleCases } from "@jiritsu/catalog/vitest"
import { Rule } from "@jiritsu/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { catalogue } from "../src/catalogue.ts"

describeRuleCases(new URL("../cases", import.meta.url), { catalogue, title: "Mirai city cases" })

describe("the Mirai extension", () => {
  it("checks clean and adds exactly one programme", () => {
    expect(Catalogue.check(catalogue)).toEqual([])
    expect(catalogue.programmes.length).toBe(Catalogue.catalogue.programmes.length + 1)
  })

  it("would be refused with a misspelt target group, naming the path", () => {
    const mirai = Catalogue.get(catalogue, "mirai.job_desk")!
    const cite = { source: "example" }
    const typo = Rule.include({ id: "mirai.typo", ja: "t", en: "t", citation: cite }, Rule.intersects({ id: "mirai.typo.g", ja: "g", en: "g", citation: cite }, "target_groups", ["care_leavers"]), 10)
    const r = Catalogue.extend(Catalogue.catalogue, {
      municipal: [{ id: "mirai2.desk", base: "national.hw_handoff", labels: mirai.labels, municipality: mirai.municipality!, site: mirai.site!, citations: [], windows: [{ version: "2024", from: "2024-04-01", citation: cite, exceptions: [typo] }] }]
    })
    expect(Result.isFailure(r) && r.failure.message).toContain('unknown target group "care_leavers"')
  })
})
