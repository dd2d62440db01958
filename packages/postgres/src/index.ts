/**
 * @jiritsu/postgres — jiritsu on PostgreSQL: event store, projections, consent ledger, disclosure
 * log and SQL eligibility rules, on a server (`DATABASE_URL`) or embedded PGlite.
 * Each module is a namespace: `import { EventStore, Tenant } from "@jiritsu/postgres"`.
 */
export * as Tenant from "./Tenant.ts"
export * as Database from "./Database.ts"
export * as Migrations from "./Migrations.ts"
export * as EventStore from "./EventStore.ts"
export * as Client from "./Client.ts"
