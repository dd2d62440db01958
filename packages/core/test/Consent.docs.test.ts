// The "Consent" guide cannot rot: every code block quotes an example file verbatim, and every
// example runs and prints what its comments say.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, describe, expect, it, vi } from "vitest"
import { readGuide, root, runExample } from "./docsHarness.ts"
import { Consent } from "@jiritsu/core"

// docs/examples import "@jiritsu/core" like a user would; point that name at this package's source.
vi.mock("@jiritsu/core", async () => await import("../src/index.ts"))

const guide = readGuide("consent.md")
const examples = ["consent-ledger.ts", "consent-law-basis.ts", "consent-disclosure.ts"]

const run = runExample

afterEach(() => vi.restoreAllMocks())

describe("docs: consent guide", () => {
  it("quotes every example file verbatim", () => {
    for (const file of examples) {
      const source = readFileSync(join(root, "docs/examples", file), "utf8")
      expect(guide, file).toContain(`<!-- docs/examples/${file} -->\n\`\`\`ts\n${source}\`\`\``)
    }
  })

  it("lists the fifteen laws in order", () => {
    const laws = [...guide.matchAll(/^\| (P\d+) \|/gm)].map((m) => m[1])
    expect(laws).toEqual(Array.from({ length: 15 }, (_, i) => `P${i + 1}`))
    expect(Consent.SUPPORT_MEETING_STATUTE).toBe("生活困窮者自立支援法第9条第1項")
  })

  it("consent-ledger: permit, exception, no employer, withdrawal, terminal, re-consent", async () => {
    expect(await run("consent-ledger.ts")).toEqual([
      'Permit ["c-2026-0001"]',
      "Deny",
      "NoBasis",
      "Deny withdrawn",
      "Permit",
      'terminal-state ["kind"]',
      'Deny Permit ["c-2026-0002"]'
    ])
  })

  it("consent-law-basis: roster, purpose and categories bound the law", async () => {
    expect(await run("consent-law-basis.ts")).toEqual(["生活困窮者自立支援法第9条第1項 []", "NoBasis", "NoBasis", "NoBasis", "Success"])
  })

  it("consent-disclosure: log, refuse, detect tampering, receipt", async () => {
    expect(await run("consent-disclosure.ts")).toEqual([
      "Success consent",
      'items-not-covered ["dataItems",0,"category"]',
      "0 hash",
      'Given ["requested","given"] 1'
    ])
  })
})
