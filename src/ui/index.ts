/** The app's shared primitives: import them from here (`src/ui`), style them only in ui.scss and
 * form.scss (prefix zu-). Side-effect free (config/index.ts): a page gets only the modules it uses, so the form fields
 * stay out of the main package. */
export {
  ErrorView,
  listGate,
  ListView,
  LoadingView,
  NoticeView,
  Pending,
  QueryView,
  type ListGateOptions,
  type NoticeAction,
  type Refusal,
} from './state'
export { Empty, Pill } from './primitives'
export { Field, MultiChips, Segmented, Stepper } from './form'
export type { Tone } from './tone'
export { ListFooter, MoreButton } from './lists'
export { Button, Input } from './button'
export { IconTile, LinkRow } from './rows'
