import { importStoreContract } from "./contract/importStore.ts"

importStoreContract("embedded PGlite", null)
