// `pnpm start` (root) → prints eligibility verdicts with traces for a few persons.
import { formatDemo, runDemo } from "./demo.ts"

console.log(formatDemo(runDemo()))
