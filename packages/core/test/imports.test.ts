// The core's module graph is acyclic (an import cycle is how domain data crept into the core
// before: Target ↔ internal/targetShinagawa), and the core imports nothing but effect.
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { describe, expect, it } from "vitest"

const src = join(import.meta.dirname, "..", "src")
const files = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []))

const IMPORT = /^\s*(?:import|export)\s[^"']*?from\s+["']([^"']+)["']/gm
const importsOf = (file: string): ReadonlyArray<string> => [...readFileSync(file, "utf8").matchAll(IMPORT)].map((m) => m[1]!)

describe("the core's imports", () => {
  const graph = new Map(files(src).map((f) => [f, importsOf(f)] as const))

  it("are relative modules of the core or effect", () => {
    const foreign = [...graph].flatMap(([f, specs]) => specs.filter((s) => !s.startsWith(".") && s !== "effect" && !s.startsWith("effect/")).map((s) => `${relative(src, f)} → ${s}`))
    expect(foreign).toEqual([])
  })

  it("form no cycle", () => {
    const edges = new Map([...graph].map(([f, specs]) => [f, specs.filter((s) => s.startsWith(".")).map((s) => resolve(dirname(f), s))] as const))
    expect([...edges.values()].flat().every((t) => edges.has(t))).toBe(true)
    const state = new Map<string, "visiting" | "done">()
    const cycles: Array<string> = []
    const visit = (f: string, path: ReadonlyArray<string>): void => {
      if (state.get(f) === "done") return
      if (state.get(f) === "visiting") {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(src, p)).join(" → "))
        return
      }
      state.set(f, "visiting")
      for (const t of edges.get(f) ?? []) visit(t, [...path, f])
      state.set(f, "done")
    }
    for (const f of edges.keys()) visit(f, [])
    expect(cycles).toEqual([])
  })
})
