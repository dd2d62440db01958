/** Loading, error and empty states: every page shows one of these or its content, never nothing. */
import type { ComponentChildren } from "preact"
import type { Failure } from "../Failure.ts"
import { message } from "../Failure.ts"
import { format, type Lang } from "../i18n/Messages.ts"

export function Loading(props: { readonly lang: Lang }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {format(props.lang, "loading")}
    </p>
  )
}

export function ErrorNotice(props: { readonly lang: Lang; readonly failure: Failure; readonly onRetry?: () => void }) {
  const { lang, failure } = props
  const forbidden = failure.kind === "problem" && failure.code === "forbidden"
  return (
    <div class="notice notice-error" role="alert" data-testid="error" data-code={failure.kind === "problem" ? failure.code : failure.kind}>
      <h2>{format(lang, "errorTitle")}</h2>
      <p>{message(failure, lang)}</p>
      {forbidden && failure.allowedRoles !== undefined ? <p>{format(lang, "errorForbidden", { roles: failure.allowedRoles.join(", ") })}</p> : null}
      {failure.kind === "problem" ? <p class="muted">{format(lang, "errorCode", { code: failure.code })}</p> : null}
      {props.onRetry !== undefined ? (
        <button type="button" onClick={props.onRetry}>
          {format(lang, "retry")}
        </button>
      ) : null}
    </div>
  )
}

export function Empty(props: { readonly lang: Lang; readonly children?: ComponentChildren }) {
  return <p class="empty">{props.children ?? format(props.lang, "noData")}</p>
}
