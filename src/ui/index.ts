/** The app's shared primitives: import them from here (`src/ui`), style them only in ui.scss (prefix zu-). */
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
export { Empty, Field, MultiChips, Pill, Segmented, Stepper } from './primitives'
export type { Tone } from './tone'
export { ListFooter, MoreButton } from './lists'
export { Button, Input } from './button'
export { IconTile, LinkRow } from './rows'
