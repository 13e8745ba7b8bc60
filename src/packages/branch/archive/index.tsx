import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { toastFailure } from '../../../services/feedback'
import type { Branch } from '../../../services/api'
import { day } from '../shared/ui'
import './index.scss'

function ReportSheet({ r, name }: { r: Branch.ArchiveReport; name: string }) {
  return (
    <View className='zbar-page' data-testid='archive-report'>
      <Text className='zbar-meta'>
        {name} · {r.periodLabel}思想汇报{r.submittedAt ? ` · 提交于 ${day(r.submittedAt.slice(0, 10))}` : ''}
      </Text>
      <Text className='zbar-title'>{r.title || '思想汇报'}</Text>
      {r.body
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <Text key={i} className='zbar-p'>
            {p.trim()}
          </Text>
        ))}
      {r.photos.map((src) => (
        <Image key={src} className='zbar-photo' src={src} mode='widthFix' />
      ))}
      {r.review ? (
        <View className='zbar-review'>
          <Text>审阅意见：{r.review.comment || '同意。'}</Text>
          <Text className='zbar-review__by'>
            审阅人：{r.review.reviewerName}
            {'\u3000'}
            {day(r.review.at.slice(0, 10))}
          </Text>
        </View>
      ) : null}
    </View>
  )
}

function Archive({ memberId }: { memberId?: string }) {
  const load = useCallback(() => callFunction('branch', 'archive', memberId ? { memberId } : {}), [memberId])
  const query = useQuery(load, [memberId])
  const [making, setMaking] = useState(false)
  return (
    <QueryView query={query} refusal='lock'>
      {(data) => {
        const print = async () => {
          if (process.env.TARO_ENV === 'h5') {
            window.print()
            return
          }
          // The mini program cannot print: a print-ready file whose link opens in a computer's browser.
          setMaking(true)
          const res = await callFunction('branch', 'archive', { ...(memberId ? { memberId } : {}), format: 'file' })
          setMaking(false)
          if (!res.ok) return toastFailure(res)
          if (res.data.file) {
            await Taro.setClipboardData({ data: res.data.file.url })
            void Taro.showModal({
              title: '打印文件已生成',
              content: '链接已复制，请在电脑浏览器中打开并打印（一小时内有效）。',
              showCancel: false,
            })
          }
        }

        const m = data.member
        return (
          <View data-testid='archive'>
            <View className='zb-print-bar noprint'>
              <Text className='zb-print-bar__text'>共 {data.reports.length} 篇审阅通过的思想汇报，A4 纸每篇一页。</Text>
              <Button
                size='small'
                type='primary'
                loading={making}
                disabled={data.reports.length === 0}
                onClick={() => void print()}
                data-testid='archive-print'
              >
                {process.env.TARO_ENV === 'h5' ? '打印' : '生成打印文件'}
              </Button>
            </View>
            <View className='zbar-cover'>
              <Text className='zbar-cover__title'>思想汇报存档</Text>
              {[
                ['姓名', m.name],
                ['学号', m.studentNo],
                ['班级', m.className || '—'],
                ['所在支部', `${data.collegeName} ${m.branchName}`],
                ['发展阶段', m.stageLabel],
                ['汇报篇数', `${data.reports.length} 篇（均已审阅通过）`],
              ].map(([k, v]) => (
                <View key={k} className='zbar-cover__row'>
                  <Text className='zbar-cover__k'>{k}</Text>
                  <Text className='zbar-cover__v'>{v}</Text>
                </View>
              ))}
            </View>
            {data.reports.length === 0 ? (
              <Text className='zbb-note'>还没有审阅通过的思想汇报。汇报经支部书记审阅通过后会出现在这里。</Text>
            ) : null}
            {data.reports.map((r) => (
              <ReportSheet key={r.id} r={r} name={m.name} />
            ))}
          </View>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-branch-archive', ({ params }) => <Archive memberId={params.id || undefined} />)
