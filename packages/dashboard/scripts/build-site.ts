// `pnpm --filter @jiritsu/dashboard build:site`: builds the dashboard's static site (site/) now.
import { Site } from "../src/index.ts"

const directory = await Site.ensure({ force: process.argv.includes("--force"), log: (line) => console.log(line) })
console.log(`dashboard: site in ${directory}`)
