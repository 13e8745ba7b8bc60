import { ArrowRight } from '../../../components/Icon'
import { Cell } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import { Image, Text, View } from '@tarojs/components'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { sessionPage } from '../../../components/SessionPage'
import { useAction } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { Res } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { toastSuccess } from '../../../services/feedback'
import { TransferCard } from '../shared/TransferCard'
import { dayLabel, go, momentLabel } from '../shared/ui'
import '../shared/care.scss'
import { Empty, Pill, QueryView } from '../../../ui'
import { ReportIn } from './ReportIn'
import { useShownQuery } from '../../../hooks/useShownQuery'

type Home = Res<'member-care', 'home'>
type Away = NonNullable<Home['away']>

function AwayCard({ home, reload }: { home: Home; reload: () => void }) {
  const away = home.away
  const end = useAction((a: Away) => callFunction('member-care', 'endAway', { awayId: a.id }))
  if (!away) {
    return (
      <Card title='外出登记'>
        <Text className='zbc-text'>
          外出实习、交流学习、出国（境）或求职前，请登记去向、时间和联系方式。外出期间每{' '}
          {home.settings.contactIntervalMonths} 个月至少向支部报到一次，可以线上参加组织生活。
        </Text>
        {home.isPartyMember && home.inBranch ? (
          <ActionBar
            inline
            actions={[{ text: '登记外出', primary: true, onClick: () => go(ROUTES.careAway), testId: 'care-register' }]}
          />
        ) : (
          <Text className='zbc-sub'>
            {home.inBranch ? '外出登记面向党员和预备党员。' : '你的组织关系已转出本院，外出请向新的党组织报告。'}
          </Text>
        )}
      </Card>
    )
  }
  return (
    <Card
      title='我的外出'
      extra={<Pill tone={away.overdue ? 'red' : 'green'}>{away.overdue ? '报到已逾期' : '外出中'}</Pill>}
    >
      <View className='zbc-row__main' data-testid='care-away'>
        <Text className='zbc-title'>
          {away.kindLabel} · {away.place}
        </Text>
        {away.unit ? <Text className='zbc-sub'>{away.unit}</Text> : null}
        <Text className='zbc-sub'>
          {dayLabel(away.from)} 至 {dayLabel(away.until)}
        </Text>
        <Text className='zbc-sub'>
          上次联系 {momentLabel(away.lastContactAt)}，下次报到请在 {momentLabel(away.nextContactDue).split(' ')[0]} 前
        </Text>
      </View>
      {away.overdue ? (
        <Text className='zbc-alert'>已超过 {home.settings.contactIntervalMonths} 个月没有和支部联系，请尽快报到。</Text>
      ) : null}
      {away.keepExpired ? (
        <Text className='zbc-alert'>组织关系暂留学校的期限已到，请尽快申请转出组织关系。</Text>
      ) : null}
      <ReportIn onDone={reload} />
      <Text
        className='zbc-link zbc-link--block'
        onClick={() =>
          void end.run(away).then((r) => {
            if (!r.ok) return
            toastSuccess('欢迎回来')
            reload()
          })
        }
        data-testid='care-end-away'
      >
        已返校，结束外出登记
      </Text>
    </Card>
  )
}

function Contacts({ home }: { home: Home }) {
  if (!home.away) return null
  return (
    <Card title='联系记录'>
      {home.contacts.length === 0 ? <Empty bare>还没有报到记录</Empty> : null}
      {home.contacts.map((c) => (
        <View key={c.id} className='zbc-row' data-testid='care-contact'>
          <View className='zbc-row__main'>
            <Text className='zbc-sub'>
              {momentLabel(c.at)} · {c.kindLabel}（{c.byName}）
            </Text>
            <Text className='zbc-text'>{c.text}</Text>
            {c.photoUrl ? (
              <Image
                src={c.photoUrl}
                mode='aspectFill'
                style={{ width: '160px', height: '160px', borderRadius: '12px' }}
              />
            ) : null}
          </View>
        </View>
      ))}
    </Card>
  )
}

function CareHome() {
  const query = useShownQuery(() => callFunction('member-care', 'home', {}), [])
  const { reload } = query
  return (
    <QueryView query={query}>
      {(data) => (
        <>
          <AwayCard home={data} reload={reload} />
          <Contacts home={data} />
          <TransferCard home={data} reload={reload} />
          <Card>
            <Cell
              title='我的培训学时'
              description='党课、培训会议和学院培训'
              extra={<ArrowRight size={12} color='#B6BAC2' />}
              radius={0}
              clickable
              onClick={() => go(ROUTES.careHours)}
              data-testid='care-to-hours'
            />
          </Card>
        </>
      )}
    </QueryView>
  )
}

export default sessionPage('page-care-home', CareHome)
