// Subcommands of the one `jiritsu` command that other packages provide (CLI plugins): which
// package owns which subcommand, and finding a plugin's `./cli` entry from a list of base
// directories (the working directory first, then the catalogue's own location), following the
// package's `exports` map the way Node's ESM resolver does for the conditions import/node/default.
import { existsSync, readFileSync, realpathSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { pathToFileURL } from "node:url"

/** The subcommands other packages own, and the package to install for each. */
export const PLUGIN_COMMANDS: Readonly<Record<string, string>> = {
  simulate: "@jiritsu/sim",
  estimate: "@jiritsu/sim",
  import: "@jiritsu/bridge",
  export: "@jiritsu/bridge",
  sync: "@jiritsu/bridge",
  serve: "@jiritsu/rest"
}

/** What a plugin's `./cli` entry exports. `main` receives the subcommand first (`["import", "file.csv", …]`) and returns the exit code. */
export interface PluginCli {
  readonly main: (argv: ReadonlyArray<string>) => Promise<number>
  readonly commands?: ReadonlyArray<{ readonly name: string; readonly summary: string; readonly summaryJa: string }>
}

const CONDITIONS: ReadonlyArray<string> = ["import", "node", "default"]

// One target of an exports entry: a path, a list of fallbacks, or conditions (first match wins).
const pickTarget = (entry: unknown): string | undefined => {
  if (typeof entry === "string") return entry
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const t = pickTarget(e)
      if (t !== undefined) return t
    }
    return undefined
  }
  if (typeof entry === "object" && entry !== null) {
    for (const [condition, value] of Object.entries(entry)) {
      if (CONDITIONS.includes(condition)) {
        const t = pickTarget(value)
        if (t !== undefined) return t
      }
    }
  }
  return undefined
}

/** The file of `<name>/<subpath>` in an installed package directory, from its exports map. */
export const entryOf = (packageDir: string, subpath: string): string | undefined => {
  let manifest: { readonly exports?: unknown }
  try {
    manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { readonly exports?: unknown }
  } catch {
    return undefined
  }
  const exportsMap = manifest.exports
  if (typeof exportsMap !== "object" || exportsMap === null || Array.isArray(exportsMap)) return undefined
  const target = pickTarget((exportsMap as Record<string, unknown>)[subpath])
  return target === undefined ? undefined : resolve(packageDir, target)
}

/** The directory of an installed package seen from `base` (node_modules lookup, walking up). */
export const packageDirFrom = (name: string, base: string): string | undefined => {
  for (let dir = resolve(base); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", ...name.split("/"))
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate)
    if (dirname(dir) === dir) return undefined
  }
}

/** Where the plugin's `./cli` entry is: the first base that has the package installed. */
export const findPlugin = (name: string, bases: ReadonlyArray<string>): { readonly file: string } | { readonly missing: true } | { readonly noCli: string } => {
  for (const base of bases) {
    const dir = packageDirFrom(name, base)
    if (dir === undefined) continue
    const file = entryOf(dir, "./cli")
    return file !== undefined && existsSync(file) ? { file } : { noCli: dir }
  }
  return { missing: true }
}

/** Loads a plugin entry; a string says why it is unusable. */
export const loadPlugin = async (name: string, file: string): Promise<PluginCli | string> => {
  let loaded: Record<string, unknown>
  try {
    loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>
  } catch (e) {
    return `cannot load ${name}/cli (${file}): ${(e as Error).message}`
  }
  return typeof loaded["main"] === "function" ? (loaded as unknown as PluginCli) : `${name}/cli exports no main function`
}
