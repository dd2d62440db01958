// Shared by the guides' docs tests: the repository root, a guide's text, and running one
// docs/examples file while capturing what it prints.
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { vi } from "vitest"

/**
 * The repository root: the nearest folder above this file with the workspace file. (Not a fixed
 * `../../..`: mutation testing runs these tests from a sandbox copy that sits deeper.)
 */
const findRoot = (from: string): string => {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`)
  }
}

export const root = findRoot(dirname(fileURLToPath(import.meta.url)))

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
