// Success bodies sent as JSON straight from the typed value the handler built, without the
// endpoint's success encoder. Meant for documents whose encoded form is their type (strings,
// numbers, booleans, arrays, plain objects; no transformation), such as the verdict document:
// there the encoder re-validates, field by field, what the core has just built from validated
// input, and only reorders keys — about a third of an evaluation's time. The OpenAPI document
// still comes from the endpoint's schema; tests decode these bodies with it (excess keys refused)
// and check that re-encoding gives the same JSON.
import { HttpServerResponse } from "effect/http"

/** A 200 `application/json` response of an already-typed value whose encoded form is itself. */
export const typedJson = (value: unknown, headers?: Record<string, string>): HttpServerResponse.HttpServerResponse =>
  HttpServerResponse.jsonUnsafe(value, headers === undefined ? undefined : { headers })
