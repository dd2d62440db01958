/** The login prompt: a bearer token; shown first, and again whenever the token stops working. */
import { useState } from "preact/hooks"
import { ErrorNotice } from "../components/Status.tsx"
import type { Failure } from "../Failure.ts"
import { format, type Lang } from "../i18n/Messages.ts"

export function Login(props: { readonly lang: Lang; readonly notice: "expired" | "wrong" | undefined; readonly failure: Failure | undefined; readonly onSubmit: (token: string) => void }) {
  const { lang } = props
  const [token, setToken] = useState("")
  const [empty, setEmpty] = useState(false)
  const submit = (e: Event) => {
    e.preventDefault()
    const t = token.trim()
    if (t === "") return setEmpty(true)
    props.onSubmit(t)
  }
  const problem = empty ? format(lang, "loginEmpty") : props.notice === "expired" ? format(lang, "loginExpired") : props.notice === "wrong" ? format(lang, "loginWrong") : undefined
  return (
    <section class="login" aria-labelledby="login-title" data-testid="login">
      <h1 id="login-title">{format(lang, "loginTitle")}</h1>
      <p>{format(lang, "loginIntro")}</p>
      {problem !== undefined ? (
        <div class="notice notice-error" role="alert" data-testid="login-problem">
          <p>{problem}</p>
        </div>
      ) : null}
      {props.failure !== undefined ? <ErrorNotice lang={lang} failure={props.failure} /> : null}
      <form onSubmit={submit} noValidate>
        <label for="token">{format(lang, "tokenLabel")}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          aria-describedby="token-help"
          aria-invalid={empty ? "true" : undefined}
          onInput={(e) => {
            setEmpty(false)
            setToken((e.target as HTMLInputElement).value)
          }}
        />
        <p class="help" id="token-help">
          {format(lang, "tokenHelp")}
        </p>
        <div class="actions">
          <button class="primary" type="submit" data-testid="login-submit">
            {format(lang, "loginSubmit")}
          </button>
        </div>
      </form>
    </section>
  )
}
