/**
 * @jiritsu/rest — integrated employment support (一体的実施) over HTTP: the contract-v1 `Api`
 * (OpenAPI 3.1 from the core's Schemas), principals from bearer tokens, role checks, consent
 * enforcement at the organisational boundary, a typed client, and the reference service on
 * PostgreSQL or embedded PGlite with a demo municipality.
 * Each module is a namespace: `import { Api, Client, Server } from "@jiritsu/rest"`.
 */
export * as Problem from "./Problem.ts"
export * as Principal from "./Principal.ts"
export * as Access from "./Access.ts"
export * as Middleware from "./Middleware.ts"
export * as Authentication from "./Authentication.ts"
export * as Contract from "./Contract.ts"
export * as Caseload from "./Caseload.ts"
export * as Api from "./Api.ts"
export * as Enforcement from "./Enforcement.ts"
export * as Site from "./Site.ts"
export * as Store from "./Store.ts"
export * as PostgresStore from "./PostgresStore.ts"
export * as Demo from "./Demo.ts"
export * as Server from "./Server.ts"
export * as Client from "./Client.ts"
