import { Text, View } from '@tarojs/components'
import type { AppraisalView } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { viewPage } from '../shared/viewPage'
import { Empty } from '../shared/ui'
import { Header, MyResult, SelfList } from './Header'
import { ManagerPanel } from './ManagerPanel'
import { PeerForm, SelfForm } from './MemberForms'

function AppraisalBody({ v, onLatest }: { v: AppraisalView; onLatest: (next: AppraisalView) => void }) {
  const appraising = v.status === 'appraising' && new Date(v.closesAt).getTime() > Date.now()
  return (
    <View data-testid='appraisal'>
      <Header v={v} />
      <MyResult v={v} />
      {v.me && appraising ? (
        <>
          <SelfForm v={v} onSaved={onLatest} />
          <PeerForm v={v} onSaved={onLatest} />
        </>
      ) : null}
      {v.canDecide ? <ManagerPanel v={v} onSaved={onLatest} /> : null}
      {(!v.me || !appraising) && (v.canDecide || v.me) ? <SelfList v={v} /> : null}
      {v.me && !v.me.grade && !appraising ? <Empty>互评已结束，支部评定后你可以在这里看到自己的等次</Empty> : null}
      <Text className='zbv-note'>
        民主评议党员每年一次，党员互评无记名；优秀比例由院党委设定，不合格须写明理由并按规定处置。评议结果不与学习积分挂钩。
      </Text>
    </View>
  )
}

export default viewPage(
  { testId: 'page-voices-appraisal', missing: '缺少民主评议编号' },
  (id) => callFunction('voices', 'appraisal', { appraisalId: id }),
  AppraisalBody,
)
