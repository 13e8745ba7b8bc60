/** The NutUI icons the app uses (names as in @nutui/icons-react-taro). Add one here, then run `npx tsx scripts/icons.ts`. */
export const ICON_NAMES = [
  'Add', 'ArrowRight', 'Category', 'Check', 'Checked', 'Clock', 'Close', 'Edit', 'Failure', 'Heart', 'HeartFill',
  'Location', 'NetworkError', 'Order', 'Photograph', 'QrCode', 'Retweet', 'Scan', 'Search', 'Share', 'ShieldCheck',
  'Star', 'StarFill', 'Tips', 'User', 'UserAdd',
] as const

export type IconName = (typeof ICON_NAMES)[number]
