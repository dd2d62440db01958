// The README's example is a file the docs suite runs: the quoted block must stay equal to it.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { expect, it } from "vitest"

it("the README quotes docs/examples/dashboard-site.ts exactly", () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8")
  const quoted = /<!-- docs\/examples\/dashboard-site\.ts -->\n```ts\n([\s\S]*?)\n```/.exec(readme)?.[1]
  const file = readFileSync(join(import.meta.dirname, "..", "..", "..", "docs", "examples", "dashboard-site.ts"), "utf8").replace(/\n+$/, "")
  expect(quoted).toBe(file)
})
