// Shared by the guides' docs tests: the repository root, a guide's text, and running one
// docs/examples file while capturing what it prints.
import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { vi } from "vitest"

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")

export const readGuide = (name: string): string => readFileSync(join(root, "docs/guides", name), "utf8")

/** Imports a docs example (its top level runs) and returns the lines it logged. */
export const runExample = async (file: string): Promise<ReadonlyArray<string>> => {
  const lines: Array<string> = []
  const spy = vi.spyOn(console, "log").mockImplementation((...args: ReadonlyArray<unknown>) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "))
  })
  try {
    await import(join(root, "docs/examples", file))
  } finally {
    spy.mockRestore()
  }
  return lines
}
