// StrykerJS for @jiritsu/catalog, used through `pnpm mutate` (scripts/mutate.mjs): the shared options.
import { strykerBase } from "../../scripts/stryker.base.mjs"

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default strykerBase
