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

const repoRoot = join(docsDir, "..")
const guidesDir = join(docsDir, "guides")
// Every Markdown file a reader meets: the guides, the index, and each README of the repository.
const readmes = [
  "README.md",
  ...["packages", "examples"].flatMap((d) => readdirSync(join(repoRoot, d)).map((p) => `${d}/${p}/README.md`))
].filter((f) => existsSync(join(repoRoot, f)))
const readerFiles = [...readdirSync(guidesDir).filter((f) => f.endsWith(".md")).map((f) => `docs/guides/${f}`), "docs/index.md", "docs/getting-started.md", ...readmes]

describe("quoted examples equal their files", () => {
  for (const file of readerFiles) {
    const text = readFileSync(join(repoRoot, file), "utf8")
    for (const m of text.matchAll(/<!-- docs\/examples\/([\w.-]+\.ts) -->\n```ts\n([\s\S]*?)\n```/g)) {
      it(`${file} quotes ${m[1]}`, () => {
        expect(m[2]).toBe(readFileSync(join(examplesDir, m[1]!), "utf8").replace(/\n+$/, ""))
      })
    }
  }

  it("every package README quotes an example that the docs suite runs", () => {
    for (const dir of readdirSync(join(repoRoot, "packages"))) {
      const readme = join(repoRoot, "packages", dir, "README.md")
      expect(existsSync(readme), readme).toBe(true)
      expect(readFileSync(readme, "utf8"), readme).toMatch(/<!-- docs\/examples\/[\w.-]+\.ts -->\n```ts\n/)
    }
  })
})

describe("READMEs: links resolve", () => {
  for (const file of readmes) {
    it(file, () => {
      const text = readFileSync(join(repoRoot, file), "utf8")
      const links = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l))
      for (const link of links) expect(existsSync(resolve(dirname(join(repoRoot, file)), link)), `${link} in ${file}`).toBe(true)
    })
  }
})

// `pnpm <script>` and `pnpm --filter <package> <script>` quoted anywhere a reader looks must name
// a script that exists (a newcomer runs them as `npm run pnpm -- …`).
describe("quoted pnpm commands name existing scripts", () => {
  const manifests = ["package.json", ...["packages", "examples"].flatMap((d) => readdirSync(join(repoRoot, d)).map((p) => `${d}/${p}/package.json`)), "bench/package.json"]
    .filter((f) => existsSync(join(repoRoot, f)))
    .map((f) => JSON.parse(readFileSync(join(repoRoot, f), "utf8")) as { name: string; scripts?: Record<string, string> })
  const scriptsOf = (name: string | undefined) => (name === undefined ? manifests[0]! : manifests.find((m) => m.name === name))?.scripts
  const builtins = new Set(["install", "add", "exec", "run", "test", "build", "pack", "-r", "--version"])
  for (const file of [...readerFiles, ...readdirSync(docsDir).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)]) {
    const text = readFileSync(join(repoRoot, file), "utf8")
    const commands = [...text.matchAll(/(?:^|`)pnpm (--filter (\S+) )?([\w:-]+)/gm)].map((m) => ({ pkg: m[2], script: m[3]! }))
    if (commands.length === 0) continue
    it(file, () => {
      for (const c of commands) {
        if (builtins.has(c.script)) continue
        expect(scriptsOf(c.pkg)?.[c.script], `pnpm ${c.pkg === undefined ? "" : `--filter ${c.pkg} `}${c.script} in ${file}`).toBeDefined()
      }
    })
  }
})

// A user of the library has only the repository: no tracked file may point at background material
// outside it (the team's design notes, domain or consent briefs, the source-document files, ../shared).
describe("the repository stands alone", () => {
  const FORBIDDEN = [/\bDESIGN\.md\b/, /\bDOMAIN\.md\b/, /\bCONSENT\.md\b/, /\bSTACK\.md\b/, /\bPEERS\.md\b/, /\.\.\/shared\b/, /\/shared\/(seeds|bin)/, /\b\d{3}_[0-9a-f]{16}\.txt\b/, /\bseed (documents?|municipalit\w*|sections?|scenarios?|files?)\b/i, /\bthe seeds\b/i, /\bdesign document\b/i]
  const tracked = execFileSync("git", ["ls-files"], { cwd: repoRoot, encoding: "utf8" })
    .split("\n")
    .filter((f) => f !== "" && !f.endsWith("pnpm-lock.yaml") && f !== "docs/test/docs.test.ts" && existsSync(join(repoRoot, f)))
  it(`no tracked file (${tracked.length}) refers to files outside the repository`, () => {
    const offending: Array<string> = []
    for (const f of tracked) {
      const text = readFileSync(join(repoRoot, f), "utf8")
      for (const pattern of FORBIDDEN) {
        const m = pattern.exec(text)
        if (m !== null) offending.push(`${f}:${text.slice(0, m.index).split("\n").length}: ${m[0]}`)
      }
    }
    expect(offending).toEqual([])
  })

  it("the glossary, the consent model and the sources are in docs/ and linked from the index", () => {
    const index = readFileSync(join(docsDir, "index.md"), "utf8")
    for (const page of ["glossary.md", "consent-model.md", "sources.md"]) expect(index).toContain(`](${page})`)
    expect(readFileSync(join(docsDir, "consent-model.md"), "utf8").match(/^\| P\d+ \|/gm)).toHaveLength(15)
  })
})
