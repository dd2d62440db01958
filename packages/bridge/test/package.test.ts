import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"

const pkg = join(import.meta.dirname, "..")

describe("package", () => {
  it("the README quotes docs/examples/readme-bridge.ts, which runs and prints what its comments say", () => {
    const example = readFileSync(join(pkg, "..", "..", "docs", "examples", "readme-bridge.ts"), "utf8").trimEnd()
    expect(readFileSync(join(pkg, "README.md"), "utf8")).toContain("```ts\n" + example + "\n```")
    const out = execFileSync(process.execPath, [join(pkg, "..", "..", "docs", "examples", "readme-bridge.ts")], { encoding: "utf8" })
    expect(out).toContain("shift_jis: 7 valid rows, 2 reported")
    expect(out).toContain("line 9 [開始日]")
    expect(out.trim().endsWith("true")).toBe(true)
  })

  it("the CLI lists its commands for the jiritsu dispatcher", async () => {
    const cli = await import("../src/cli.ts")
    expect(cli.commands.map((c) => c.name)).toEqual(["import", "export", "sync"])
  })
})
