// The default theme with a few rules for jiritsu's pages: tables of programmes and clauses mix
// long code identifiers with Japanese text, which wraps anywhere and was squeezed to one character
// per line beside an identifier that does not wrap.
import DefaultTheme from "vitepress/theme"
import "./custom.css"

export default DefaultTheme
