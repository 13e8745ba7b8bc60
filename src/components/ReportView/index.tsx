import { Text, Video, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ContentView, ReviewView, TimelineEvent, VersionView } from '../../services/api'
import { DECISION_LABELS, formatDateTime, TIMELINE_LABELS } from '../../utils/report'
import { StatusTag } from '../StatusTag'
import './index.scss'

/** Photos in page order; a tap opens them full screen, swiping between pages. */
export function PhotoPages({ photos }: { photos: ContentView['photos'] }) {
  const urls = photos.map((p) => p.url).filter(Boolean)
  if (photos.length === 0) return null
  return (
    <View className='zb-pages' data-testid='report-photos'>
      {photos.map((p, i) => (
        <View
          className='zb-pages__item'
          key={p.fileID}
          onClick={() => {
            if (p.url) void Taro.previewImage({ urls, current: p.url })
          }}
        >
          {p.url ? (
            <View className='zb-pages__img' style={{ backgroundImage: `url("${p.url}")` }} />
          ) : (
            <Text className='zb-pages__missing'>图片已失效</Text>
          )}
          <Text className='zb-pages__no'>第 {i + 1} 页</Text>
        </View>
      ))}
    </View>
  )
}

/** A report's words in a layout made for reading on a phone: indented paragraphs, generous lines. */
export function ReportContent({ content, testId }: { content: ContentView; testId?: string }) {
  const paragraphs = content.body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
  return (
    <View className='zb-report' data-testid={testId}>
      <Text className='zb-report__title'>{content.title || '（未填写标题）'}</Text>
      {paragraphs.map((p, i) => (
        <Text className={`zb-report__p ${isSalutation(p, i, paragraphs.length) ? 'zb-report__p--flush' : ''}`} key={i}>
          {p}
        </Text>
      ))}
      <PhotoPages photos={content.photos} />
      {content.video ? (
        <View className='zb-report__video'>
          {content.video.url ? (
            // The frame holds the player's box: Taro's H5 player is absolutely positioned inside its parent.
            <View className='zb-report__frame'>
              <Video src={content.video.url} controls objectFit='contain' className='zb-report__player' />
            </View>
          ) : (
            <Text className='zb-pages__missing'>视频已失效</Text>
          )}
        </View>
      ) : null}
    </View>
  )
}

/** The letter's greeting and sign-off lines are not indented (敬爱的党组织：/ 此致 / 敬礼！/ 汇报人). */
function isSalutation(p: string, index: number, total: number): boolean {
  return (index === 0 && p.endsWith('：')) || (index >= total - 4 && /^(此致|敬礼|汇报人|\d{4}年)/.test(p))
}

/** The secretary's decision, signed with their name and the time. */
export function ReviewBox({ review, testId }: { review: ReviewView; testId?: string }) {
  const approved = review.decision === 'approve'
  return (
    <View className={`zb-review zb-review--${approved ? 'approve' : 'return'}`} data-testid={testId}>
      <View className='zb-review__head'>
        <StatusTag tone={approved ? 'green' : 'orange'} label={DECISION_LABELS[review.decision]} />
        <Text className='zb-review__label'>审阅意见</Text>
      </View>
      <Text className='zb-review__comment'>
        {review.comment || (approved ? '同意，无补充意见。' : '请修改后重新提交。')}
      </Text>
      <Text className='zb-review__sign'>
        审阅人：{review.reviewerName} · {formatDateTime(review.at)}
      </Text>
    </View>
  )
}

/** What happened to a report, newest first. */
export function ReportTimeline({ events }: { events: TimelineEvent[] }) {
  const newestFirst = [...events].reverse()
  return (
    <View className='zb-rtl' data-testid='report-timeline'>
      {newestFirst.map((e, i) => (
        <View className={`zb-rtl__item zb-rtl__item--${e.kind}`} key={`${e.at}-${i}`}>
          <View className='zb-rtl__rail'>
            <View className='zb-rtl__dot' />
            {i < newestFirst.length - 1 ? <View className='zb-rtl__line' /> : null}
          </View>
          <View className='zb-rtl__body'>
            <View className='zb-rtl__row'>
              <Text className='zb-rtl__what'>{TIMELINE_LABELS[e.kind]}</Text>
              <Text className='zb-rtl__when'>{formatDateTime(e.at)}</Text>
            </View>
            <Text className='zb-rtl__note'>
              {e.actorName}
              {e.note ? ` · ${e.note}` : ''}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}

/** Every submitted version, newest first by default; older ones stay readable with their reviews. */
export function ReportVersions({ versions }: { versions: VersionView[] }) {
  const [picked, setPicked] = useState<number | null>(null)
  if (versions.length === 0) return null
  const latest = versions[versions.length - 1]
  const shown = versions.find((v) => v.no === picked) ?? latest
  return (
    <View className='zb-versions' data-testid='report-versions'>
      {versions.length > 1 ? (
        <View className='zb-versions__tabs'>
          {[...versions].reverse().map((v) => (
            <Text
              key={v.no}
              className={`zb-versions__tab ${v.no === shown.no ? 'zb-versions__tab--on' : ''}`}
              onClick={() => setPicked(v.no)}
              data-testid={`version-tab-${v.no}`}
            >
              第 {v.no} 版{v === latest ? '（最新）' : ''}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className='zb-versions__meta'>
        第 {shown.no} 版 · {formatDateTime(shown.submittedAt)} 提交
      </Text>
      <ReportContent content={shown} testId={`version-${shown.no}`} />
      {shown.review ? <ReviewBox review={shown.review} testId={`review-${shown.no}`} /> : null}
    </View>
  )
}
