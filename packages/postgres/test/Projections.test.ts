import { readModels } from "./suites/readModels.ts"

readModels("plain")
