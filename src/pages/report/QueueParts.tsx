import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../routes'
import type { QueueItem, QueueStatus } from '../../services/api'
import { formatDay, STATUS_TONE } from '../../utils/report'
// The row is a compileMode template, so its status tag is written out with StatusTag's classes and styles.
import '../../components/StatusTag/index.scss'

export function EmptyQueue({ status }: { status: QueueStatus }) {
  const text =
    status === 'pending'
      ? '没有待审阅的汇报，辛苦了！'
      : status === 'returned'
        ? '没有退回修改中的汇报。'
        : status === 'approved'
          ? '还没有审阅通过的汇报。'
          : '还没有成员提交思想汇报。'
  return (
    <View className='zb-queue-empty' data-testid='queue-empty'>
      <Text>{text}</Text>
    </View>
  )
}

/** One report in the queue: a static WXML template of its own on weapp (compileMode), texts merged into few nodes. */
export function QueueRow({ item, showBranch }: { item: QueueItem; showBranch: boolean }) {
  const open = () => void Taro.navigateTo({ url: `${ROUTES.reviewDetail}?id=${encodeURIComponent(item.id)}` })
  const when =
    item.status === 'pending'
      ? `${formatDay(item.submittedAt ?? item.updatedAt)}提交`
      : `${formatDay(item.reviewedAt ?? item.updatedAt)}审阅`
  // The default title only repeats the period: show a title only when the student wrote one.
  const ownTitle = item.title && !item.title.startsWith(item.period.label) ? item.title : null
  const meta = [
    showBranch ? item.branchName : '',
    item.member.className,
    `第${item.version}版`,
    item.photoCount ? `手写稿${item.photoCount}页` : '',
    item.hasVideo ? '视频' : '',
    when,
  ]
    .filter(Boolean)
    .join(' · ')
  return (
    <View compileMode className='zb-queue-row' onClick={open} data-testid='queue-item' data-id={item.id}>
      <Text className='zb-queue-row__avatar'>{item.member.name.slice(0, 1)}</Text>
      <View className='zb-queue-row__main'>
        <View className='zb-queue-row__head'>
          <Text className='zb-queue-row__name'>{item.member.name}</Text>
          <Text className='zb-queue-row__stage'>{item.member.stageLabel}</Text>
          <Text className={`zb-tag zb-tag--${STATUS_TONE[item.status]} zb-queue-row__status`}>{item.statusLabel}</Text>
        </View>
        <Text className='zb-queue-row__title'>
          {ownTitle ? `${item.period.label} · ${ownTitle}` : item.period.label}
        </Text>
        {item.snippet ? <Text className='zb-queue-row__snippet'>{item.snippet}</Text> : null}
        <Text className='zb-queue-row__meta'>{meta}</Text>
      </View>
    </View>
  )
}
