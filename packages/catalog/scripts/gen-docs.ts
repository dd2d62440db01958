// Regenerates docs/catalogue.md (English) and docs/ja/catalogue.md (Japanese) from the built-in
// catalogue: `pnpm --filter @jiritsu/catalog gen-docs`.
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { Catalogue, Docs } from "../src/index.ts"

for (const [lang, path] of [["en", "../../../docs/catalogue.md"], ["ja", "../../../docs/ja/catalogue.md"]] as const) {
  const target = fileURLToPath(new URL(path, import.meta.url))
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, Docs.catalogueMarkdown(Catalogue.catalogue, { lang }))
  process.stdout.write(`wrote ${target}\n`)
}
