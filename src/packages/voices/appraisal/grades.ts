import Taro from '@tarojs/taro'
import { GRADE_LABELS, GRADES, type Grade } from '../../../services/domain'

/** The four grades as the shared Segmented takes them. */
export const GRADE_OPTIONS = GRADES.map((g) => [g, GRADE_LABELS[g]] as const)

/** A member's tally as bars: each grade's count and its share of the sheets. */
export function countBars(counts: Record<Grade, number>) {
  const total = GRADES.reduce((sum, g) => sum + counts[g], 0)
  return GRADES.map((g) => ({ label: GRADE_LABELS[g], count: counts[g], share: total > 0 ? counts[g] / total : 0 }))
}

export async function confirm(title: string, content: string): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmColor: '#C8161D' })
  return res.confirm
}
