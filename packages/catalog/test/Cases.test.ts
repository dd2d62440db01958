// Runs every declarative case of the catalogue (cases/*.json) as a vitest test, with the verdict
// trace in the failure message — the same helper extending teams use.
import { describeRuleCases } from "../src/vitest.ts"

describeRuleCases(new URL("../cases", import.meta.url), { title: "catalogue cases (cases/*.json)" })
