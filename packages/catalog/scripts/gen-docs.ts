// Regenerates docs/catalogue.md from the built-in catalogue: `pnpm --filter @jiritsu/catalog gen-docs`.
import { writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Catalogue, Docs } from "../src/index.ts"

const target = fileURLToPath(new URL("../../../docs/catalogue.md", import.meta.url))
writeFileSync(target, Docs.catalogueMarkdown(Catalogue.catalogue))
process.stdout.write(`wrote ${target}\n`)
