import { ArrowRight } from '../../components/Icon'
import { Cell } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'

const arrow = <ArrowRight size={12} color='#B6BAC2' />

/** 组织生活 entries of 我的: the personal check-in code and the attendance record (branch members). */
export function MeetingEntries({ profile }: { profile: Profile }) {
  if (!profile.branch) return null
  return (
    <Card className='zb-me-more'>
      <Cell
        title='我的签到码'
        description='无法扫码签到时，请支部书记扫此码'
        extra={arrow}
        radius={0}
        clickable
        onClick={() => void Taro.navigateTo({ url: ROUTES.myCheckInCode })}
        data-testid='me-checkin-code'
      />
      <Cell
        title='我的出勤记录'
        extra={arrow}
        radius={0}
        clickable
        onClick={() => void Taro.navigateTo({ url: ROUTES.meetingHistory })}
      />
    </Card>
  )
}
