import { importStoreContract } from "./contract/importStore.ts"

// PGlite is one PostgreSQL session behind a socket: one connection keeps transactions apart, and
// the bulk run is smaller (PGlite writes ~10× slower; the server run below does 100,000 rows).
importStoreContract("embedded PGlite", null, { bulkRows: 20_000, maxConnections: 1 })
