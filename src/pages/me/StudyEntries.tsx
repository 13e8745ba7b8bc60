import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { EntryRow } from './EntryRow'

function go(url: string): void {
  void Taro.navigateTo({ url })
}

/** 学习 entries of 我的: points, favourites, reading history; the publishing desk for secretaries and the committee. */
export function StudyEntries({ profile }: { profile: Profile }) {
  const publisher = profile.primaryRole !== 'student'
  return (
    <Card className='zb-me-more' title='学习'>
      <EntryRow
        title='我的积分'
        description='今日积分、连续打卡与排行'
        onClick={() => go(ROUTES.studyPoints)}
        data-testid='me-points'
      />
      <EntryRow title='我的收藏' onClick={() => go(`${ROUTES.studyMarks}?kind=favorites`)} data-testid='me-favorites' />
      <EntryRow title='阅读历史' onClick={() => go(`${ROUTES.studyMarks}?kind=history`)} data-testid='me-history' />
      {publisher ? (
        <EntryRow
          title='内容发布'
          description={profile.primaryRole === 'committee' ? '发布全院学习内容、管理栏目' : '发布本支部动态与通知'}
          onClick={() => go(ROUTES.publishHome)}
          data-testid='me-publish'
        />
      ) : null}
    </Card>
  )
}
