// "Every public export has a doc comment with an example": walks every entry point of every
// documented package with the TypeScript compiler, namespace by namespace (`export * as Rule`),
// and reports file:line of each export without a doc comment or without an `@example`. Then it
// type-checks every `@example` as a module of its own (the namespaces it names are imported from
// the package, as a reader would), and reports a compile error at the line of the example in the
// source. A type alias that merges with a value of the same name (`export type Rule = typeof
// Rule.Type`) is covered by the value's comment.
import { dirname, join, relative } from "node:path"
import ts from "typescript"
import { type DocumentedPackage, entryPointsOf, type EntryPoint, manifestOf, repoRoot } from "./packages.ts"

export interface Finding {
  /** Path relative to the repository root. */
  readonly file: string
  /** 1-based line. */
  readonly line: number
  /** The export as a reader imports it, e.g. `@jiritsu/core › Rule.evaluate`. */
  readonly export: string
  readonly problem: "no doc comment" | "no @example" | "example does not compile" | "no module comment"
  readonly detail?: string
}

export const formatFinding = (f: Finding): string => `${f.file}:${f.line}: ${f.export}: ${f.problem}${f.detail === undefined ? "" : ` — ${f.detail}`}`

interface Example {
  readonly entry: EntryPoint
  readonly exportName: string
  readonly sourceFile: string
  /** 1-based line in the source where the code starts. */
  readonly line: number
  readonly code: string
}

const compilerOptions = (): ts.CompilerOptions => {
  const configPath = join(repoRoot, "tsconfig.json")
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot)
  return { ...parsed.options, noEmit: true }
}

const resolveAlias = (checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol =>
  symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol

const isNamespace = (symbol: ts.Symbol): boolean =>
  (symbol.flags & ts.SymbolFlags.ValueModule) !== 0 && (symbol.declarations ?? []).some((d) => ts.isSourceFile(d))

const position = (decl: ts.Declaration): { readonly file: string; readonly line: number } => {
  const sf = decl.getSourceFile()
  const name = ts.getNameOfDeclaration(decl) ?? decl
  return { file: relative(repoRoot, sf.fileName), line: sf.getLineAndCharacterOfPosition(name.getStart(sf)).line + 1 }
}

// The declarations that carry the doc comment, in source order (a value first, its type after).
const declarationsOf = (symbol: ts.Symbol): ReadonlyArray<ts.Declaration> =>
  [...(symbol.declarations ?? [])].sort((a, b) => (a.getSourceFile() === b.getSourceFile() ? a.pos - b.pos : 0))

// The comment that documents a declaration is the JSDoc right before it — unless that is the
// file's module comment (`@module`), which documents the namespace, not the first statement.
const jsDocNodesOf = (decl: ts.Declaration): ReadonlyArray<ts.JSDoc> => {
  const host = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl
  return ((host as { jsDoc?: ReadonlyArray<ts.JSDoc> }).jsDoc ?? []).slice(-1).filter((doc) => !(doc.tags ?? []).some((t) => t.tagName.text === "module" || t.tagName.text === "packageDocumentation"))
}

const exampleCode = (text: string): string => {
  const fenced = /```(?:ts|typescript)?\n([\s\S]*?)```/.exec(text)
  return (fenced === null ? text : fenced[1]!).replace(/\n+$/, "")
}

const examplesOf = (decl: ts.Declaration): ReadonlyArray<{ readonly line: number; readonly code: string }> => {
  const out: Array<{ line: number; code: string }> = []
  for (const doc of jsDocNodesOf(decl)) {
    const sf = decl.getSourceFile()
    for (const tag of doc.tags ?? []) {
      if (tag.tagName.text !== "example") continue
      const text = ts.getTextOfJSDocComment(tag.comment) ?? ""
      const tagLine = sf.getLineAndCharacterOfPosition(tag.getStart(sf)).line
      const restOfLine = sf.text.slice(tag.tagName.end, sf.getPositionOfLineAndCharacter(tagLine + 1, 0)).trim()
      const firstLine = restOfLine === "" ? tagLine + 1 : tagLine
      const fenceOffset = text.startsWith("```") ? 1 : 0
      out.push({ line: firstLine + fenceOffset + 1, code: exampleCode(text) })
    }
  }
  return out
}

interface Walk {
  readonly findings: Array<Finding>
  readonly examples: Array<Example>
}

const walkSymbol = (checker: ts.TypeChecker, entry: EntryPoint, exportName: string, symbol: ts.Symbol, walk: Walk): void => {
  const decls = declarationsOf(symbol).filter((d) => !d.getSourceFile().fileName.includes("/node_modules/"))
  if (decls.length === 0) return
  const where = position(decls[0]!)
  const label = `${entry.specifier} › ${exportName}`
  const documented = decls.some((d) => jsDocNodesOf(d).some((doc) => (ts.getTextOfJSDocComment(doc.comment) ?? "").trim() !== ""))
  if (!documented) {
    walk.findings.push({ ...where, export: label, problem: "no doc comment" })
    return
  }
  const examples = decls.flatMap(examplesOf)
  if (examples.length === 0) {
    walk.findings.push({ ...where, export: label, problem: "no @example" })
    return
  }
  for (const e of examples) walk.examples.push({ entry, exportName, sourceFile: where.file, line: e.line, code: e.code })
}

const walkEntry = (program: ts.Program, entry: EntryPoint, walk: Walk): ReadonlyArray<string> => {
  const checker = program.getTypeChecker()
  const sf = program.getSourceFile(join(repoRoot, entry.file))
  if (sf === undefined) throw new Error(`entry point ${entry.file} is not in the program`)
  const moduleSymbol = checker.getSymbolAtLocation(sf)
  if (moduleSymbol === undefined) return []
  const names: Array<string> = []
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const target = resolveAlias(checker, exported)
    names.push(exported.name)
    if (!isNamespace(target)) {
      walkSymbol(checker, entry, exported.name, target, walk)
      continue
    }
    const moduleFile = (target.declarations ?? []).find(ts.isSourceFile)!
    if (!hasModuleComment(moduleFile)) {
      walk.findings.push({ file: relative(repoRoot, moduleFile.fileName), line: 1, export: `${entry.specifier} › ${exported.name}`, problem: "no module comment" })
    }
    for (const member of checker.getExportsOfModule(target)) walkSymbol(checker, entry, `${exported.name}.${member.name}`, resolveAlias(checker, member), walk)
  }
  return names
}

// The namespace's page is introduced by its file's first comment, which must say it is the module's
// (TypeDoc's `@module`; without it the comment would document the file's first statement).
const hasModuleComment = (sf: ts.SourceFile): boolean => {
  const first = ts.getLeadingCommentRanges(sf.text, 0)?.[0]
  return first !== undefined && sf.text.startsWith("/**", first.pos) && /@module\b/.test(sf.text.slice(first.pos, first.end))
}

// An example names the namespaces of its package (and of the packages it depends on) as a reader
// has them after `import { Rule, … } from "@jiritsu/core"`: those it uses without importing them
// itself are imported for it. Anything else (`Schema` from effect) the example imports.
const importedNames = (code: string): ReadonlySet<string> => {
  const names = new Set<string>()
  for (const m of code.matchAll(/^\s*import\s+(?:type\s+)?\{([^}]*)\}/gm)) for (const n of m[1]!.split(",")) names.add(n.trim().split(/\s+as\s+/).pop()!.trim())
  for (const m of code.matchAll(/^\s*import\s+(?:\*\s+as\s+)?(\w+)/gm)) names.add(m[1]!)
  return names
}

const exampleModule = (example: Example, namesBySpecifier: ReadonlyMap<string, ReadonlyArray<string>>, dependencyOrder: ReadonlyArray<string>): { readonly text: string; readonly prefixLines: number } => {
  const taken = new Set<string>(importedNames(example.code))
  const imports: Array<string> = []
  for (const specifier of [example.entry.specifier, ...dependencyOrder]) {
    const used = (namesBySpecifier.get(specifier) ?? []).filter((n) => !taken.has(n) && new RegExp(`(?<![\\w.$])${n}\\b`).test(example.code))
    for (const n of used) taken.add(n)
    if (used.length > 0) imports.push(`import { ${used.join(", ")} } from "${specifier}"`)
  }
  return { text: `${imports.join("\n")}${imports.length > 0 ? "\n" : ""}${example.code}\nexport {}\n`, prefixLines: imports.length }
}

// The entry points an example may name without importing: its package's other entry points, then
// those of the packages it depends on.
const dependenciesOf = (pkg: DocumentedPackage, all: ReadonlyArray<DocumentedPackage>): ReadonlyArray<string> => {
  const manifest = manifestOf(pkg) as { dependencies?: Record<string, string> }
  const deps = new Set(Object.keys(manifest.dependencies ?? {}))
  return [...entryPointsOf(pkg).map((e) => e.specifier), ...all.flatMap(entryPointsOf).map((e) => e.specifier).filter((s) => deps.has(s))]
}

// Library files (TypeScript's lib, @types, dependencies) parse once per process: the checks and
// their tests build several programs over the same libraries.
const libraryCache = new Map<string, ts.SourceFile>()

const cachingHost = (options: ts.CompilerOptions, virtual: ReadonlyMap<string, { readonly text: string }> = new Map()): ts.CompilerHost => {
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const v = virtual.get(fileName)
    if (v !== undefined) return ts.createSourceFile(fileName, v.text, languageVersion, true)
    if (!fileName.includes("/node_modules/")) return getSourceFile(fileName, languageVersion, onError, shouldCreate)
    const key = `${String(typeof languageVersion === "object" ? languageVersion.languageVersion : languageVersion)}:${fileName}`
    let sf = libraryCache.get(key)
    if (sf === undefined) {
      sf = getSourceFile(fileName, languageVersion, onError, shouldCreate)
      if (sf !== undefined) libraryCache.set(key, sf)
    }
    return sf
  }
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName)
  return host
}

export interface CheckResult {
  readonly findings: ReadonlyArray<Finding>
  /** Exports seen per entry point specifier. */
  readonly exports: ReadonlyMap<string, number>
  readonly examples: number
}

/** Checks the packages' entry points; `all` is every documented package (for cross-package imports in examples). */
export const checkDocs = (selected: ReadonlyArray<DocumentedPackage>, all: ReadonlyArray<DocumentedPackage> = selected): CheckResult => {
  const options = compilerOptions()
  const entries = selected.flatMap(entryPointsOf)
  const allEntries = all.flatMap(entryPointsOf)
  const program = ts.createProgram(allEntries.map((e) => join(repoRoot, e.file)), options, cachingHost(options))
  const everything: Walk = { findings: [], examples: [] }
  const namesBySpecifier = new Map<string, ReadonlyArray<string>>()
  for (const entry of allEntries) namesBySpecifier.set(entry.specifier, walkEntry(program, entry, everything))
  const selectedSpecifiers = new Set(entries.map((e) => e.specifier))
  const specifierOf = (f: Finding): string => f.export.split(" › ")[0]!
  const walk: Walk = {
    findings: everything.findings.filter((f) => selectedSpecifiers.has(specifierOf(f))),
    examples: everything.examples.filter((e) => selectedSpecifiers.has(e.entry.specifier))
  }
  const counts = new Map<string, number>()
  for (const f of walk.findings) counts.set(specifierOf(f), (counts.get(specifierOf(f)) ?? 0) + 1)
  for (const e of walk.examples) counts.set(e.entry.specifier, (counts.get(e.entry.specifier) ?? 0) + 1)

  const virtual = new Map<string, { readonly example: Example; readonly text: string; readonly prefixLines: number }>()
  walk.examples.forEach((example, i) => {
    const pkg = selected.find((p) => example.entry.file.startsWith(`${p.dir}/`))!
    const module = exampleModule(example, namesBySpecifier, dependenciesOf(pkg, all))
    // Beside the package's sources, so that its own name and its dependencies resolve as for a user.
    virtual.set(join(repoRoot, dirname(example.entry.file), `__doc_example_${i}__.ts`), { example, ...module })
  })
  // An example may declare a value only to show its type.
  const exampleOptions: ts.CompilerOptions = { ...options, noUnusedLocals: false }
  const host = cachingHost(exampleOptions, virtual)
  const examplesProgram = ts.createProgram([...virtual.keys()], exampleOptions, host)
  const findings = [...walk.findings]
  for (const [fileName, v] of virtual) {
    const sf = examplesProgram.getSourceFile(fileName)!
    for (const d of [...examplesProgram.getSyntacticDiagnostics(sf), ...examplesProgram.getSemanticDiagnostics(sf)]) {
      const at = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line
      findings.push({
        file: v.example.sourceFile,
        line: v.example.line + Math.max(0, at - v.prefixLines),
        export: `${v.example.entry.specifier} › ${v.example.exportName}`,
        problem: "example does not compile",
        detail: ts.flattenDiagnosticMessageText(d.messageText, " ")
      })
    }
  }
  findings.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1))
  const exports = new Map<string, number>()
  for (const e of entries) exports.set(e.specifier, counts.get(e.specifier) ?? 0)
  return { findings, exports, examples: walk.examples.length }
}

// --- doc comments still to write (packages registered with `pendingDocs`) ----------------------

export const pendingFile = join(repoRoot, "docs", "site", "pending-docs.json")

/** Undocumented exports still to fill, by package name: `Namespace.name` (or the entry's own name). */
export type Pending = Readonly<Record<string, ReadonlyArray<string>>>

const isMissingDoc = (f: Finding): boolean => f.problem === "no doc comment" || f.problem === "no @example" || f.problem === "no module comment"

/** The pending key of a finding: the export as `specifier › name`, which is stable across line moves. */
export const pendingKey = (f: Finding): string => `${f.export} (${f.problem})`

/** The current findings of the pending packages, as the list to write. */
export const pendingOf = (result: CheckResult, pkgs: ReadonlyArray<DocumentedPackage>): Pending =>
  Object.fromEntries(
    pkgs
      .filter((p) => p.pendingDocs === true)
      .map((p) => {
        const name = manifestOf(p).name
        const keys = result.findings.filter((f) => isMissingDoc(f) && belongsTo(f, name)).map(pendingKey)
        return [name, [...new Set(keys)].sort()]
      })
  )

const belongsTo = (f: Finding, packageName: string): boolean => f.export.startsWith(`${packageName} ›`) || f.export.startsWith(`${packageName}/`)

/**
 * The findings that fail one package's check: every finding of a package without `pendingDocs`;
 * for a pending package, examples that do not compile, undocumented exports not on its list, and
 * listed exports that are documented now.
 */
export const failingFindings = (result: CheckResult, pkg: DocumentedPackage, pending: Pending): ReadonlyArray<string> => {
  const name = manifestOf(pkg).name
  const own = result.findings.filter((f) => belongsTo(f, name))
  if (pkg.pendingDocs !== true) return own.map(formatFinding)
  const listed = new Set(pending[name] ?? [])
  const current = new Set(own.filter(isMissingDoc).map(pendingKey))
  return [
    ...own.filter((f) => !isMissingDoc(f) || !listed.has(pendingKey(f))).map((f) => `${formatFinding(f)}${isMissingDoc(f) ? " (a new undocumented export: document it)" : ""}`),
    ...[...listed].filter((k) => !current.has(k)).map((k) => `docs/site/pending-docs.json: ${k} is done: take it off the list`)
  ]
}
