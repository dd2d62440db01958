// The TypeScript API reference: TypeDoc over the entry points of every documented package, as
// VitePress Markdown (typedoc-plugin-markdown with typedoc-vitepress-theme) in docs/api/, one page
// per package entry point and namespace (`Rule`, `Catalogue`…), with the sidebar beside it. The
// pages are not checked in: they are generated from the doc comments at every build.
import { rmSync } from "node:fs"
import { dirname, join, relative, sep } from "node:path"
import { Application, type ProjectReflection, ReflectionKind } from "typedoc"
import { docsRoot } from "./links.ts"
import { type DocumentedPackage, entryPointsOf, repoRoot } from "./packages.ts"

export const apiDir = join(docsRoot, "api")

const commonDir = (dirs: ReadonlyArray<string>): string => {
  let common = dirs[0]!.split(sep)
  for (const d of dirs.slice(1)) {
    const parts = d.split(sep)
    const differ = common.findIndex((c, i) => c !== parts[i])
    if (differ !== -1) common = common.slice(0, differ)
  }
  return common.join(sep)
}

/** Converts the packages' entry points with TypeDoc and writes the Markdown pages; returns the project. */
export const generateApi = async (pkgs: ReadonlyArray<DocumentedPackage>, out: string = apiDir): Promise<ProjectReflection> => {
  const entries = pkgs.flatMap(entryPointsOf)
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((e) => join(repoRoot, e.file)),
    entryPointStrategy: "resolve",
    tsconfig: join(repoRoot, "tsconfig.json"),
    plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
    out,
    docsRoot,
    readme: join(import.meta.dirname, "api-intro.md"),
    name: "TypeScript API",
    entryFileName: "index",
    outputFileStrategy: "modules",
    excludeInternal: true,
    excludePrivate: true,
    disableSources: true,
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    useHTMLAnchors: true,
    parametersFormat: "table",
    sort: ["source-order"],
    logLevel: "Warn",
    // Type errors are the test command's to report (tsc runs first there); the reference renders
    // what the compiler understood.
    skipErrorChecking: true,
    validation: { notExported: false, invalidLink: true, notDocumented: false },
    sidebar: { autoConfiguration: true, format: "vitepress", pretty: true, collapsed: true }
  } as Parameters<typeof Application.bootstrapWithPlugins>[0])
  // Entry modules are named after the import specifier a user writes (`@jiritsu/catalog/vitest`),
  // not after their path below the entry points' common folder (`catalog/src/vitest`).
  const base = commonDir(entries.map((e) => dirname(e.file)))
  const specifierByName = new Map(entries.map((e) => [relative(base, e.file).replace(/\.ts$/, "").replace(/\/index$/, ""), e.specifier]))
  app.converter.on("resolveBegin", (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) module.name = specifierByName.get(module.name) ?? module.name
  })
  const project = await app.convert()
  if (project === undefined) throw new Error("TypeDoc could not convert the entry points")
  rmSync(out, { recursive: true, force: true })
  await app.generateOutputs(project)
  if (app.logger.hasErrors()) throw new Error("TypeDoc reported errors (above)")
  return project
}
