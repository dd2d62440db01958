// The checks the site build runs after generating every page (the test command runs the same
// checks on the checked-in pages): every link of every page, including the TypeScript API
// reference just generated, and every public export's doc comment and example. Each finding is
// printed as file:line; any finding fails the build. Packages registered with `pendingDocs` may
// keep the undocumented exports listed in docs/site/pending-docs.json (`--update-pending` rewrites
// that list from the current findings).
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { checkDocs, failingFindings, type Pending, pendingFile, pendingOf } from "./docCheck.ts"
import { checkLinks, formatLinkFinding } from "./links.ts"
import { packages } from "./packages.ts"

const docs = checkDocs(packages)
if (process.argv.includes("--update-pending")) {
  const pending = pendingOf(docs, packages)
  writeFileSync(pendingFile, `${JSON.stringify(pending, null, 2)}\n`)
  process.stdout.write(`docs:check: ${Object.values(pending).flat().length} pending doc comments written to docs/site/pending-docs.json\n`)
}
const pending: Pending = existsSync(pendingFile) ? (JSON.parse(readFileSync(pendingFile, "utf8")) as Pending) : {}
const docFindings = packages.flatMap((p) => failingFindings(docs, p, pending))
const links = await checkLinks()
for (const f of links) process.stderr.write(`${formatLinkFinding(f)}\n`)
for (const f of docFindings) process.stderr.write(`${f}\n`)
const waiting = Object.entries(pending).filter(([, keys]) => keys.length > 0).map(([name, keys]) => `${name} ${keys.length}`)
process.stdout.write(
  `docs:check: ${links.length} broken links, ${docFindings.length} doc-comment findings (${docs.examples} examples type-checked)${waiting.length === 0 ? "" : `; doc comments still to write: ${waiting.join(", ")}`}\n`
)
if (links.length + docFindings.length > 0) process.exit(1)
