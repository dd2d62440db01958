/**
 * The `jiritsu` command line (コマンドライン): run declarative rule test cases, check a catalogue,
 * print the test-case JSON Schema.
 *
 * ```
 * jiritsu test-rules <file-or-dir>... [--catalogue <module>] [--variants <file.json>]... [--lang en|ja]
 * jiritsu check [--catalogue <module>] [--variants <file.json>]...
 * jiritsu schema [test-cases|variants]
 * ```
 *
 * `--catalogue` names a module (TypeScript under Node 24, or JavaScript) exporting `catalogue`
 * (or a default export) built with `Catalogue.extend`; without it the built-in catalogue is used.
 * `--variants` adds municipal variants from a JSON file (format `jiritsu.variant/1`), validated
 * with the file, path and reason of every issue.
 * Exit code 0 when everything passes, 1 when a case fails or a file is invalid, 2 on usage errors.
 *
 * Subcommands of other packages (CLI plugins) run through the same command: `simulate` and
 * `estimate` (`@jiritsu/sim`), `import`, `export` and `sync` (`@jiritsu/bridge`), `serve`
 * (`@jiritsu/rest`). The plugin is looked up from the working directory first, then from this
 * package's own location; when it is not installed, the message names the package to install.
 *
 * @since 0.1.0
 * @module
 */
import { dirname, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import * as Catalogue from "./Catalogue.ts"
import { Result } from "effect"
import { findPlugin, loadPlugin, PLUGIN_COMMANDS } from "./internal/plugins.ts"
import * as TestCase from "./TestCase.ts"
import * as Variant from "./Variant.ts"

/**
 * Where the CLI writes. @category cli @since 0.1.0
 * @example
 * ```ts
 * const lines: Array<string> = []
 * const io: CommandLine.Io = { cwd: process.cwd(), out: (l) => lines.push(l), err: (l) => lines.push(l) }
 * ```
 */
export interface Io {
  readonly cwd: string
  /** Where plugins are looked up after `cwd`; defaults to this package's own location. */
  readonly pluginDirs?: ReadonlyArray<string>
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

function pluginLines(): ReadonlyArray<string> {
  const byPackage = new Map<string, Array<string>>()
  for (const [command, pkg] of Object.entries(PLUGIN_COMMANDS)) byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), command])
  return [...byPackage].map(([pkg, commands]) => `  ${commands.join(", ").padEnd(24)} ${pkg}`)
}

/**
 * Usage text. @category cli @since 0.1.0
 * @example
 * ```ts
 * console.log(CommandLine.usage) // usage: jiritsu test-rules <file-or-dir>... …
 * ```
 */
export const usage = [
  "usage:",
  "  jiritsu test-rules <file-or-dir>... [--catalogue <module>] [--variants <file.json>]... [--lang en|ja]",
  "  jiritsu check [--catalogue <module>] [--variants <file.json>]... [--lang en|ja]",
  "  jiritsu schema [test-cases|variants]",
  "",
  "  test-rules  run declarative test cases (*.json, format jiritsu.test-cases/1); prints pass/fail per",
  "              case and the verdict trace of every failure; exits 1 on any failure or invalid file",
  "  check       static checks of every programme (version gaps/overlaps, dead clauses, overlay conflicts,",
  "              unknown facts or target groups)",
  "  schema      print the JSON Schema of the test-case format (or of the variant-file format)",
  "  --catalogue a module exporting `catalogue` (default: the built-in catalogue)",
  "  --variants  a JSON file of municipal variants (format jiritsu.variant/1) added to the catalogue",
  "",
  "  from other packages (install the package to use them):",
  ...pluginLines()
].join("\n")

interface Parsed {
  readonly command: string | undefined
  readonly paths: ReadonlyArray<string>
  readonly catalogue?: string
  readonly variants: ReadonlyArray<string>
  readonly lang: "ja" | "en"
  readonly problem?: string
}

const parseArgs = (argv: ReadonlyArray<string>): Parsed => {
  const [command, ...rest] = argv
  const paths: Array<string> = []
  const variants: Array<string> = []
  let catalogue: string | undefined
  let lang: "ja" | "en" = "en"
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!
    if (a === "--catalogue" || a === "--catalog") {
      const v = rest[++i]
      if (v === undefined) return { command, paths, variants, lang, problem: `${a} needs a module path` }
      catalogue = v
    } else if (a === "--variants") {
      const v = rest[++i]
      if (v === undefined) return { command, paths, variants, lang, problem: "--variants needs a JSON file" }
      variants.push(v)
    } else if (a === "--lang") {
      const v = rest[++i]
      if (v !== "ja" && v !== "en") return { command, paths, variants, lang, problem: "--lang is ja or en" }
      lang = v
    } else if (a.startsWith("--")) {
      return { command, paths, variants, lang, problem: `unknown option ${a}` }
    } else paths.push(a)
  }
  return catalogue === undefined ? { command, paths, variants, lang } : { command, paths, variants, lang, catalogue }
}

const isCatalogue = (u: unknown): u is Catalogue.Catalogue =>
  typeof u === "object" && u !== null && Array.isArray((u as { programmes?: unknown }).programmes) && typeof (u as { facts?: unknown }).facts === "object"

/**
 * Loads a catalogue module (its `catalogue` or default export). @category cli @since 0.1.0
 * @example
 * ```ts
 * const cat = await CommandLine.loadCatalogue(undefined, process.cwd()) // the built-in catalogue, or a message naming what failed to load
 * ```
 */
export const loadCatalogue = async (module: string | undefined, cwd: string): Promise<Catalogue.Catalogue | string> => {
  if (module === undefined) return Catalogue.catalogue
  let loaded: Record<string, unknown>
  try {
    loaded = (await import(pathToFileURL(resolve(cwd, module)).href)) as Record<string, unknown>
  } catch (e) {
    return `cannot load catalogue module ${module}: ${(e as Error).message}`
  }
  const candidate = loaded["catalogue"] ?? loaded["default"]
  return isCatalogue(candidate) ? candidate : `${module} exports no catalogue (expected an export named "catalogue" or a default export)`
}

const withVariants = (cat: Catalogue.Catalogue, files: ReadonlyArray<string>, cwd: string, lang: "ja" | "en"): Catalogue.Catalogue | string => {
  let current = cat
  for (const f of files) {
    const r = Variant.loadFile(resolve(cwd, f), current)
    if (Result.isFailure(r)) return `${lang === "ja" ? "自治体ルールのファイルに誤りがあります" : "invalid variants file"}:\n${r.failure.issues.map((i) => `  ✗ ${Catalogue.formatIssueIn(lang)(i)}`).join("\n")}`
    current = r.success
  }
  return current
}

const catalogueOf = async (args: Parsed, cwd: string): Promise<Catalogue.Catalogue | string> => {
  const cat = await loadCatalogue(args.catalogue, cwd)
  return typeof cat === "string" ? cat : withVariants(cat, args.variants, cwd, args.lang)
}

/**
 * Runs the CLI with arguments; returns the exit code. Never calls `process.exit`.
 * @category cli
 * @since 0.1.0
 * @example
 * ```ts
 * const code = await CommandLine.main(["test-rules", "cases"], { cwd: process.cwd(), out: console.log, err: console.error }) // 0 when every case passes
 * ```
 */
export const main = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const plugin = argv[0] === undefined || !Object.hasOwn(PLUGIN_COMMANDS, argv[0]) ? undefined : PLUGIN_COMMANDS[argv[0]]
  if (plugin !== undefined) return runPlugin(plugin, argv[0]!, argv, io)
  const args = parseArgs(argv)
  if (args.command === undefined || args.command === "--help" || args.command === "help") {
    io.out(usage)
    return args.command === undefined ? 2 : 0
  }
  if (args.problem !== undefined) {
    io.err(`jiritsu: ${args.problem}\n${usage}`)
    return 2
  }
  switch (args.command) {
    case "schema": {
      const which = args.paths[0] ?? "test-cases"
      if (which !== "test-cases" && which !== "variants") {
        io.err(`jiritsu schema: expected test-cases or variants, got ${which}`)
        return 2
      }
      io.out(JSON.stringify(which === "variants" ? Variant.jsonSchema() : TestCase.jsonSchema(), null, 2))
      return 0
    }
    case "check": {
      const cat = await catalogueOf(args, io.cwd)
      if (typeof cat === "string") return fail(io, cat)
      const issues = Catalogue.check(cat)
      for (const i of issues) io.out(`✗ ${Catalogue.formatIssueIn(args.lang)(i)}`)
      io.out(args.lang === "ja" ? `事業 ${cat.programmes.length}件を検査、指摘 ${issues.length}件` : `${cat.programmes.length} programmes checked, ${issues.length} issue(s)`)
      return issues.length === 0 ? 0 : 1
    }
    case "test-rules": {
      if (args.paths.length === 0) {
        io.err(`jiritsu test-rules: name at least one file or directory\n${usage}`)
        return 2
      }
      const cat = await catalogueOf(args, io.cwd)
      if (typeof cat === "string") return fail(io, cat)
      const missing = args.paths.filter((p) => TestCase.findFiles(resolve(io.cwd, p)).length === 0)
      if (missing.length > 0) return fail(io, `no test-case files at ${missing.join(", ")}`)
      const files = TestCase.runPaths(cat, args.paths.map((p) => resolve(io.cwd, p)))
      io.out(TestCase.report(files, { lang: args.lang, cwd: io.cwd }))
      const s = TestCase.summary(files)
      return s.failed === 0 && s.invalidFiles === 0 && s.invalidCases === 0 ? 0 : 1
    }
    default:
      io.err(`jiritsu: unknown command ${args.command}\n${usage}`)
      return 2
  }
}

// This module's directory: the second place a plugin is looked up from (tsup shims import.meta.url
// in the CommonJS build).
const ownDir = (): string => dirname(fileURLToPath(import.meta.url))

// argv starts with the subcommand itself: one plugin package owns several commands (import, export, sync).
const runPlugin = async (pkg: string, command: string, argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const found = findPlugin(pkg, [io.cwd, ...(io.pluginDirs ?? [ownDir()])])
  if ("missing" in found) {
    io.err(`jiritsu ${command}: this command comes from ${pkg}, which is not installed here. Install it next to @jiritsu/catalog: npm install ${pkg}`)
    io.err(`jiritsu ${command}: このコマンドは ${pkg} が提供します。インストールしてください: npm install ${pkg}`)
    return 2
  }
  if ("noCli" in found) {
    io.err(`jiritsu ${command}: ${pkg} at ${found.noCli} has no ./cli entry (an older or a different version?)`)
    return 2
  }
  const cli = await loadPlugin(pkg, found.file)
  if (typeof cli === "string") return fail(io, cli)
  try {
    return await cli.main(argv)
  } catch (e) {
    io.err(`jiritsu ${command}: ${e instanceof Error ? e.message : String(e)}`)
    return 2
  }
}

const fail = (io: Io, message: string): number => {
  io.err(`jiritsu: ${message}`)
  return 1
}
