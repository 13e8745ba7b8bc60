import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Branch } from '../../services/api'
import { ROUTES } from '../../routes'
import './index.scss'
import { figures, stageBarSrc } from './charts'

function openBranch(s: Branch.CollegeBranchRow): void {
  void Taro.navigateTo({ url: `${ROUTES.dashboard}?branchId=${encodeURIComponent(s.branchId)}` })
}

/** The four measures as two lines of text (a line of figures costs one node; four bars cost forty). */
function figureLines(s: Branch.CollegeBranchRow): string {
  const [a, b, c, d] = figures(s).map((f) => `${f.label} ${f.value}`)
  return `${a}\u3000${b}\n${c}\u3000${d}`
}

/**
 * One branch of the college view: what needs the committee's attention (only when there is something), its
 * stages as one image, and its four measures as text. A static WXML template of its own on weapp (compileMode).
 */
export function BranchRow({ s }: { s: Branch.CollegeBranchRow }) {
  const missed = s.compliance.missed
  const overdue = s.reports.overdueCount
  return (
    <View compileMode className='zbd-branch' data-testid='college-branch'>
      <View className='zbd-stackrow__head' onClick={() => openBranch(s)}>
        <Text className='zbd-link zbd-branch__name'>{s.branchName}</Text>
        <Text className='zbd-stackrow__n'>{`${s.memberCount} 人`}</Text>
      </View>
      {missed ? <Text className='zbd-flag zbd-flag--red'>{`组织生活未达标 ${missed} 期`}</Text> : null}
      {overdue ? <Text className='zbd-flag'>{`上期逾期未交 ${overdue} 人`}</Text> : null}
      <Image className='zbd-stack' mode='scaleToFill' src={stageBarSrc(s)} />
      <Text className='zbd-branch__figures'>{figureLines(s)}</Text>
    </View>
  )
}
