import { Text } from '@tarojs/components'
import type { Tone } from '../../utils/report'
import './index.scss'

/**
 * A small coloured label: a report's status or a calendar state. Its own module (not ReportView's), so the report
 * tab, which shows only tags, does not bring the report views and their styles into the main package.
 */
export function StatusTag({ tone, label, testId }: { tone: Tone; label: string; testId?: string }) {
  return (
    <Text className={`zb-tag zb-tag--${tone}`} data-testid={testId}>
      {label}
    </Text>
  )
}
