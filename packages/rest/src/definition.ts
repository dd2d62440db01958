/**
 * `@jiritsu/rest/api` — the API definition and its schemas without the server: nothing here
 * imports Node, so a browser app (the dashboard) or another runtime can derive a typed client
 * (`HttpApiClient.make(Api.Api)`) and name the bodies it receives.
 */
export * as Access from "./Access.ts"
export * as Api from "./Api.ts"
export * as Caseload from "./Caseload.ts"
export * as Contract from "./Contract.ts"
export * as Middleware from "./Middleware.ts"
export * as Principal from "./Principal.ts"
export * as Problem from "./Problem.ts"
