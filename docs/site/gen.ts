// `pnpm docs:gen`: writes every generated page of the site — the catalogue in English and
// Japanese, the file-format pages, the REST reference, the generated blocks of hand-written pages
// (checked in; a test compares them with a fresh generation) — and the TypeScript API reference
// (TypeDoc, not checked in). `node site/gen.ts --no-api` skips TypeDoc.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { Catalogue, Docs } from "@jiritsu/catalog"
import { generateApi } from "./api.ts"
import { fillBlocks } from "./blocks.ts"
import { docsRoot, sitePages } from "./links.ts"
import { type DocumentedPackage, packages } from "./packages.ts"
import { restMarkdown, restPlaceholder } from "./rest.ts"
import { allSchemas, schemaPage, schemaPageName, schemasIndex } from "./schemas.ts"

/** Every checked-in generated page (path relative to docs/ → text), from the code as it is now. */
export const generatedPages = async (pkgs: ReadonlyArray<DocumentedPackage> = packages, root: string = docsRoot): Promise<ReadonlyMap<string, string>> => {
  const pages = new Map<string, string>()
  pages.set("catalogue.md", Docs.catalogueMarkdown(Catalogue.catalogue, { lang: "en" }))
  pages.set("ja/catalogue.md", Docs.catalogueMarkdown(Catalogue.catalogue, { lang: "ja" }))
  const schemas = allSchemas(pkgs)
  pages.set("reference/schemas/index.md", schemasIndex(schemas))
  for (const s of schemas) pages.set(`reference/schemas/${schemaPageName(s)}.md`, schemaPage(s))
  const services = pkgs.filter((p) => p.openapi !== undefined)
  pages.set("reference/rest.md", services.length === 0 ? restPlaceholder() : restMarkdown(await services[0]!.openapi!()))
  for (const page of sitePages(root)) {
    if (pages.has(page)) continue
    const text = readFileSync(join(root, page), "utf8")
    if (!text.includes("<!-- generated: ")) continue
    const filled = fillBlocks(text)
    if (filled.issues.length > 0) throw new Error(filled.issues.map((i) => `docs/${page}:${i.line}: ${i.problem}`).join("\n"))
    pages.set(page, filled.text)
  }
  return pages
}

export const writeGeneratedPages = async (): Promise<number> => {
  const pages = await generatedPages()
  for (const [page, text] of pages) {
    mkdirSync(dirname(join(docsRoot, page)), { recursive: true })
    writeFileSync(join(docsRoot, page), text)
  }
  return pages.size
}

if (import.meta.main) {
  const t0 = Date.now()
  const n = await writeGeneratedPages()
  process.stdout.write(`docs:gen: ${n} checked-in pages written (${Date.now() - t0} ms)\n`)
  if (!process.argv.includes("--no-api")) {
    const t1 = Date.now()
    await generateApi(packages)
    process.stdout.write(`docs:gen: TypeScript API reference written to docs/api (${Date.now() - t1} ms)\n`)
  }
}
