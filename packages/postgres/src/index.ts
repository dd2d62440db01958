/**
 * @jiritsu/postgres — jiritsu on PostgreSQL: event store, projections, consent ledger, disclosure
 * log and SQL eligibility rules, on a server (`DATABASE_URL`) or embedded PGlite.
 * Each module is a namespace: `import { EventStore, Tenant } from "@jiritsu/postgres"`.
 */
export * as Tenant from "./Tenant.ts"
export * as Database from "./Database.ts"
export * as Migrations from "./Migrations.ts"
export * as EventStore from "./EventStore.ts"
export * as Projection from "./Projection.ts"
export * as CaseStore from "./CaseStore.ts"
export * as CaseView from "./CaseView.ts"
export * as MetricsView from "./MetricsView.ts"
export * as ConsentStore from "./ConsentStore.ts"
export * as DisclosureStore from "./DisclosureStore.ts"
export * as Persons from "./Persons.ts"
export * as SqlRule from "./SqlRule.ts"
export * as Client from "./Client.ts"
