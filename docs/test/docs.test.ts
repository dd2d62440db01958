// Docs cannot rot: every example under docs/examples runs to completion, and every relative link in
// the guides points at a file that exists.
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { describe, expect, it } from "vitest"

const docsDir = join(import.meta.dirname, "..")
const examplesDir = join(docsDir, "examples")
const node = process.execPath

// Examples that only make sense inside a test runner (they register vitest suites).
const runnerOnly = new Set(["catalog-vitest.ts"])

describe("docs/examples run", () => {
  for (const file of readdirSync(examplesDir).filter((f) => f.endsWith(".ts") && !runnerOnly.has(f)).sort()) {
    it(file, () => {
      const output = execFileSync(node, [join(examplesDir, file)], { cwd: docsDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
      expect(output).not.toMatch(/\[object Object\]/)
    }, 60_000)
  }
})

describe("docs links resolve", () => {
  const markdown = [join(docsDir, "index.md"), ...readdirSync(join(docsDir, "guides")).map((f) => join(docsDir, "guides", f))]
  for (const file of markdown.filter((f) => f.endsWith(".md"))) {
    it(file.slice(docsDir.length + 1), () => {
      const text = readFileSync(file, "utf8")
      const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l))
      for (const link of links) expect(existsSync(resolve(dirname(file), link)), `${link} in ${file}`).toBe(true)
    })
  }
})

describe("quoted examples equal their files", () => {
  const guidesDir = join(docsDir, "guides")
  for (const guide of readdirSync(guidesDir).filter((f) => f.endsWith(".md"))) {
    const text = readFileSync(join(guidesDir, guide), "utf8")
    for (const m of text.matchAll(/<!-- docs\/examples\/([\w.-]+\.ts) -->\n```ts\n([\s\S]*?)\n```/g)) {
      it(`${guide} quotes ${m[1]}`, () => {
        expect(m[2]).toBe(readFileSync(join(examplesDir, m[1]!), "utf8").replace(/\n+$/, ""))
      })
    }
  }
})
