import Taro from '@tarojs/taro'
import { Card } from '../../components/Card'
import { ROUTES } from '../../routes'
import type { Profile } from '../../services/api'
import { EntryRow } from './EntryRow'

/** 组织生活 entries of 我的: the personal check-in code and the attendance record (branch members). */
export function MeetingEntries({ profile }: { profile: Profile }) {
  if (!profile.branch) return null
  return (
    <Card className='zb-me-more'>
      <EntryRow
        title='我的签到码'
        description='无法扫码签到时，请支部书记扫此码'
        onClick={() => void Taro.navigateTo({ url: ROUTES.myCheckInCode })}
        data-testid='me-checkin-code'
      />
      <EntryRow title='我的出勤记录' onClick={() => void Taro.navigateTo({ url: ROUTES.meetingHistory })} />
    </Card>
  )
}
