// Writes schema/jiritsu.mapping-1.schema.json from the Mapping Schema (the test suite checks it is current).
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import * as Mapping from "../src/Mapping.ts"

writeFileSync(join(import.meta.dirname, "..", "schema", "jiritsu.mapping-1.schema.json"), JSON.stringify(Mapping.jsonSchema(), null, 2) + "\n")
