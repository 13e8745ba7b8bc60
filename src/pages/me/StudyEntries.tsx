import { ArrowRight } from '../../components/Icon'
import { Cell } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'

const arrow = <ArrowRight size={12} color='#B6BAC2' />

function go(url: string): void {
  void Taro.navigateTo({ url })
}

/** 学习 entries of 我的: points, favourites, reading history; the publishing desk for secretaries and the committee. */
export function StudyEntries({ profile }: { profile: Profile }) {
  const publisher = profile.primaryRole !== 'student'
  return (
    <Card className='zb-me-more' title='学习'>
      <Cell
        title='我的积分'
        description='今日积分、连续打卡与排行'
        extra={arrow}
        radius={0}
        clickable
        onClick={() => go(ROUTES.studyPoints)}
        data-testid='me-points'
      />
      <Cell
        title='我的收藏'
        extra={arrow}
        radius={0}
        clickable
        onClick={() => go(`${ROUTES.studyMarks}?kind=favorites`)}
        data-testid='me-favorites'
      />
      <Cell
        title='阅读历史'
        extra={arrow}
        radius={0}
        clickable
        onClick={() => go(`${ROUTES.studyMarks}?kind=history`)}
        data-testid='me-history'
      />
      {publisher ? (
        <Cell
          title='内容发布'
          description={profile.primaryRole === 'committee' ? '发布全院学习内容、管理栏目' : '发布本支部动态与通知'}
          extra={arrow}
          radius={0}
          clickable
          onClick={() => go(ROUTES.publishHome)}
          data-testid='me-publish'
        />
      ) : null}
    </Card>
  )
}
