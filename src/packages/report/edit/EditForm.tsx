import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ActionBar } from '../../../components/ActionBar'
import { ReviewBox } from '../../../components/ReportView'
import { StatusTag } from '../../../components/StatusTag'
import { ROUTES } from '../../../routes'
import type { GetResult, Profile } from '../../../services/api'
import { callFunction, type CallResult } from '../../../services/call'
import { reportSubmitProblem } from '../../../services/domain'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import { type LocalDraft } from '../../../services/report-drafts'
import { formatDateTime, formatDay } from '../../../utils/report'
import { askToSubscribe } from '../subscribe'
import { fromServer } from './form'
import { MediaCards } from './MediaCards'
import { TextCard } from './TextCard'
import { useReportDraft } from './useReportDraft'
import './index.scss'

export function EditForm({ profile, data, local }: { profile: Profile; data: GetResult; local: LocalDraft | null }) {
  const report = data.report
  const periodId = data.period.id
  const { form, change, formRef, revisionRef, setRevision, savedNote, setSavedNote, settled, replace } = useReportDraft(
    profile.memberId,
    data,
    local,
  )
  const [status, setStatus] = useState(report?.status ?? 'draft')
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)

  const params = () => ({
    period: periodId,
    revision: revisionRef.current,
    title: formRef.current.title,
    body: formRef.current.body,
    photos: formRef.current.photos.filter((p) => p.fileID).map((p) => p.fileID as string),
    video: formRef.current.video?.fileID ?? null,
  })

  /** Uploads still running or failed would be left out silently: say so instead. */
  const mediaReady = (): boolean => {
    const all = [...form.photos, ...(form.video ? [form.video] : [])]
    if (all.some((m) => m.status === 'uploading')) {
      void Taro.showToast({ title: '还有文件在上传，请稍候', icon: 'none' })
      return false
    }
    if (all.some((m) => m.status === 'failed')) {
      void Taro.showToast({ title: '有文件上传失败，请点“重试”或删除', icon: 'none' })
      return false
    }
    return true
  }

  /** Another phone changed the report: load the newest, or keep ours and write over it. */
  const resolveConflict = async (retry: () => Promise<void>): Promise<void> => {
    const latest = await callFunction('report', 'get', { period: periodId })
    if (!latest.ok) return toastFailure(latest)
    const { confirm } = await Taro.showModal({
      title: '汇报已在其他设备上修改',
      content: '云端有更新的内容。载入云端内容会替换这里正在编辑的内容；也可以保留这里的内容并覆盖云端。',
      confirmText: '载入云端',
      cancelText: '保留这里',
    })
    const server = latest.data.report
    if (server && !server.canEdit)
      return void Taro.redirectTo({ url: `${ROUTES.reportDetail}?id=${encodeURIComponent(server.id)}` })
    setRevision(server?.revision ?? 0)
    if (confirm) {
      replace(fromServer(server))
      setSavedNote('已载入云端最新内容')
    } else {
      await retry()
    }
  }

  const saveDraft = async (): Promise<void> => {
    if (busy || !mediaReady()) return
    setBusy('save')
    const res = await callFunction('report', 'saveDraft', params())
    setBusy(null)
    if (!res.ok) {
      if (res.code === 'CONFLICT') return resolveConflict(saveDraft)
      return toastFailure(res)
    }
    setRevision(res.data.revision)
    setStatus(res.data.status)
    settled()
    setSavedNote(`已保存到云端 · ${formatDateTime(res.data.savedAt)}，换手机也能继续写`)
    toastSuccess('草稿已保存')
  }

  const submit = async (): Promise<void> => {
    if (busy || !mediaReady()) return
    // Say what is missing before asking to confirm: 「确认提交吗？」 on an empty report wastes a tap.
    const problem = reportSubmitProblem(params())
    if (problem)
      return void Taro.showModal({ title: '还不能提交', content: problem, showCancel: false, confirmText: '知道了' })
    const { confirm } = await Taro.showModal({
      title: '提交思想汇报',
      content: '提交后将由支部书记审阅，审阅完成前不能修改。确认提交吗？',
      confirmText: '提交',
    })
    if (!confirm) return
    await send()
  }

  const send = async (): Promise<void> => {
    setBusy('submit')
    const res: CallResult<{ id: string; templates: GetResult['templates'] }> = await callFunction(
      'report',
      'submit',
      params(),
    )
    setBusy(null)
    if (!res.ok) {
      if (res.code === 'CONFLICT') return resolveConflict(send)
      return toastFailure(res)
    }
    settled()
    // No toast before asking: on H5 it would cover the consent dialog.
    const subscribed = await askToSubscribe(res.data.id, res.data.templates)
    toastSuccess(subscribed ? '已提交，审阅后通知你' : '已提交')
    void Taro.redirectTo({ url: `${ROUTES.reportDetail}?id=${encodeURIComponent(res.data.id)}` })
  }

  const lastReview = report?.versions[report.versions.length - 1]?.review ?? null
  return (
    <View className='zb-edit' data-testid='report-editor'>
      <View className='zb-edit-head'>
        <View className='zb-edit-head__row'>
          <Text className='zb-edit-head__period'>{data.period.label}思想汇报</Text>
          {status === 'returned' ? <StatusTag tone='orange' label='退回修改中' /> : null}
        </View>
        <Text className='zb-edit-head__due'>
          截止 {formatDay(data.period.end)}
          {report && report.versions.length > 0 ? ` · 将作为第 ${report.versions.length + 1} 版提交` : ''}
        </Text>
      </View>

      {status === 'returned' && lastReview ? (
        <View className='zb-edit-review'>
          <ReviewBox review={lastReview} testId='return-comment' />
        </View>
      ) : null}

      <TextCard form={form} change={change} />

      <MediaCards form={form} change={change} />

      <ActionBar
        note={<Text data-testid='save-note'>{savedNote || '内容会自动保存在本机'}</Text>}
        actions={[
          { text: '保存草稿', loading: busy === 'save', onClick: () => void saveDraft(), testId: 'save-draft' },
          {
            text: status === 'returned' ? '重新提交' : '提交汇报',
            primary: true,
            loading: busy === 'submit',
            onClick: () => void submit(),
            testId: 'submit-report',
          },
        ]}
      />
    </View>
  )
}
