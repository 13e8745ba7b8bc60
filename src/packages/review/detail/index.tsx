import { Button } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import { ReportTimeline, ReportVersions, StatusTag } from '../../../components/ReportView'
import { SessionGate } from '../../../components/SessionGate'
import { LoadingView, QueryView } from '../../../ui'
import { useAction, useQuery } from '../../../hooks/useCall'
import { ROUTES } from '../../../routes'
import type { GetResult, ReviewDecision } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { REPORT_LIMITS } from '../../../services/domain'
import { toastSuccess } from '../../../services/feedback'
import { formatDay, STATUS_TONE } from '../../../utils/report'
import { useParams } from '../../../hooks/useParams'
import './index.scss'

/** A secretary reads a report on the phone and approves it or returns it with a comment. */
export default function ReviewDetailPage() {
  const id = useParams().id ?? ''
  return (
    <Page testId='page-review-detail'>
      <SessionGate>{() => <Review id={id} />}</SessionGate>
    </Page>
  )
}

function Review({ id }: { id: string }) {
  const load = useCallback(() => callFunction('report', 'get', { id }), [id])
  const query = useQuery(load, [id])
  const { reload } = query
  return (
    <QueryView query={query} refusal='back'>
      {(data) => (data.report ? <ReviewView data={data} onReviewed={reload} /> : <LoadingView />)}
    </QueryView>
  )
}

function ReviewView({ data, onReviewed }: { data: GetResult; onReviewed: () => void }) {
  const report = data.report!
  const [decision, setDecision] = useState<ReviewDecision | null>(null)
  const latest = report.versions[report.versions.length - 1]
  const openMember = () =>
    void Taro.navigateTo({ url: `${ROUTES.reviewMember}?memberId=${encodeURIComponent(report.member.id)}` })
  return (
    <View className='zb-rv' data-testid='review-detail' data-status={report.status}>
      <View className='zb-rv-head'>
        <View className='zb-rv-head__row'>
          <Text className='zb-rv-head__name'>{report.member.name}</Text>
          <Text className='zb-rv-head__stage'>{report.member.stageLabel}</Text>
          <View className='zb-rv-head__grow' />
          <StatusTag tone={STATUS_TONE[report.status]} label={report.statusLabel} testId='review-status' />
        </View>
        <Text className='zb-rv-head__meta'>
          {report.member.className} · {report.period.label} · 第 {latest?.no ?? 1} 版
          {latest ? ` · ${formatDay(latest.submittedAt)}提交` : ''}
        </Text>
        <Text className='zb-rv-head__link' onClick={openMember}>
          查看 {report.member.name} 的汇报日历 ›
        </Text>
      </View>

      <Card title='汇报内容'>
        <ReportVersions versions={report.versions} />
      </Card>
      <Card title='办理过程' className='zb-rv-timeline'>
        <ReportTimeline events={report.timeline} />
      </Card>

      {report.canReview && latest ? (
        <>
          <ActionBar
            actions={[
              { text: '退回修改', onClick: () => setDecision('return'), testId: 'start-return' },
              { text: '审阅通过', primary: true, onClick: () => setDecision('approve'), testId: 'start-approve' },
            ]}
          />
        </>
      ) : null}
      {decision && latest ? (
        <DecisionSheet
          decision={decision}
          reportId={report.id}
          version={latest.no}
          phrases={data.phrases ?? []}
          onClose={() => setDecision(null)}
          onDone={() => {
            setDecision(null)
            onReviewed()
          }}
        />
      ) : null}
    </View>
  )
}

/** The decision: a comment (quick phrases one tap away, editable), then confirm. */
function DecisionSheet(props: {
  decision: ReviewDecision
  reportId: string
  version: number
  phrases: string[]
  onClose: () => void
  onDone: () => void
}) {
  const { decision, reportId, version, onClose, onDone } = props
  const [comment, setComment] = useState('')
  const [phrases, setPhrases] = useState(props.phrases)
  const [editing, setEditing] = useState(false)
  const [newPhrase, setNewPhrase] = useState('')
  const send = useCallback(
    (c: string) => callFunction('report', 'review', { id: reportId, version, decision, comment: c }),
    [reportId, version, decision],
  )
  const { run, pending } = useAction(send)
  const savePhrases = useCallback((list: string[]) => callFunction('report', 'savePhrases', { phrases: list }), [])
  const phrasesAction = useAction(savePhrases)
  const returning = decision === 'return'

  const confirm = async () => {
    if (returning && comment.trim() === '') return void Taro.showToast({ title: '退回时请写明修改意见', icon: 'none' })
    const res = await run(comment.trim())
    if (res.ok) {
      toastSuccess(returning ? '已退回' : '已通过')
      onDone()
    }
  }

  const storePhrases = async (list: string[]) => {
    const res = await phrasesAction.run(list)
    if (res.ok) setPhrases(res.data.phrases)
    return res.ok
  }

  const addPhrase = async () => {
    const text = newPhrase.trim()
    if (!text) return
    if (phrases.length >= REPORT_LIMITS.phrasesMax)
      return void Taro.showToast({ title: `常用语最多 ${REPORT_LIMITS.phrasesMax} 条`, icon: 'none' })
    if (await storePhrases([...phrases, text])) setNewPhrase('')
  }

  return (
    <View className='zb-sheet' data-testid='decision-sheet'>
      <View className='zb-sheet__mask' onClick={onClose} />
      <View className='zb-sheet__panel'>
        <View className='zb-sheet__head'>
          <Text className='zb-sheet__title'>{returning ? '退回修改' : '审阅通过'}</Text>
          <Text className='zb-sheet__close' onClick={onClose}>
            取消
          </Text>
        </View>
        <Textarea
          className='zb-sheet__input'
          value={comment}
          maxlength={REPORT_LIMITS.commentMax}
          placeholder={returning ? '写明需要修改的地方（必填）' : '写几句批注（可不填）'}
          onInput={(e) => setComment(e.detail.value)}
          data-testid='review-comment'
        />
        <View className='zb-sheet__phrases-head'>
          <Text className='zb-sheet__label'>常用语</Text>
          <Text className='zb-sheet__edit' onClick={() => setEditing(!editing)} data-testid='edit-phrases'>
            {editing ? '完成' : '编辑'}
          </Text>
        </View>
        <View className='zb-sheet__phrases'>
          {phrases.length === 0 ? <Text className='zb-sheet__none'>还没有常用语，点“编辑”添加。</Text> : null}
          {phrases.map((p) => (
            <Text
              key={p}
              className={`zb-sheet__phrase ${editing ? 'zb-sheet__phrase--editing' : ''}`}
              onClick={() =>
                editing ? void storePhrases(phrases.filter((x) => x !== p)) : setComment((c) => (c ? `${c}${p}` : p))
              }
              data-testid='phrase'
            >
              {p}
              {editing ? ' ✕' : ''}
            </Text>
          ))}
        </View>
        {editing ? (
          <View className='zb-sheet__add'>
            <Input
              className='zb-sheet__add-input'
              value={newPhrase}
              maxlength={REPORT_LIMITS.phraseMax}
              placeholder='新增一条常用语'
              onInput={(e) => setNewPhrase(e.detail.value)}
              data-testid='new-phrase'
            />
            <Text className='zb-sheet__add-btn' onClick={() => void addPhrase()} data-testid='add-phrase'>
              添加
            </Text>
          </View>
        ) : null}
        <Button
          className='zb-sheet__confirm'
          type='primary'
          block
          loading={pending}
          onClick={() => void confirm()}
          data-testid='confirm-review'
        >
          {returning ? '确认退回' : '确认通过'}
        </Button>
        <Text className='zb-sheet__sign'>将以你的姓名和当前时间签署审阅意见</Text>
      </View>
    </View>
  )
}
