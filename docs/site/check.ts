// The checks the site build runs after generating every page (the test command runs the same
// checks on the checked-in pages): every link of every page, including the TypeScript API
// reference just generated, and every public export's doc comment and example. Each finding is
// printed as file:line; any finding fails the build.
import { checkDocs, formatFinding } from "./docCheck.ts"
import { checkLinks, formatLinkFinding } from "./links.ts"
import { packages } from "./packages.ts"

const links = await checkLinks()
const docs = checkDocs(packages)
for (const f of links) process.stderr.write(`${formatLinkFinding(f)}\n`)
for (const f of docs.findings) process.stderr.write(`${formatFinding(f)}\n`)
process.stdout.write(`docs:check: ${links.length} broken links, ${docs.findings.length} doc-comment findings (${docs.examples} examples type-checked)\n`)
if (links.length + docs.findings.length > 0) process.exit(1)
