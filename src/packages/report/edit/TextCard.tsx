import { Input, Text, Textarea } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { REPORT_LIMITS } from '../../../services/domain'
import type { Change, Form } from './form'

/** The title (optional) and the body with its length. */
export function TextCard({ form, change }: { form: Form; change: Change }) {
  const bodyLength = Array.from(form.body).length
  return (
    <Card title='正文'>
      <Input
        className='zb-edit-title'
        value={form.title}
        maxlength={REPORT_LIMITS.titleMax}
        placeholder='标题（选填）'
        onInput={(e) => {
          const value = e.detail.value
          change((f) => ({ ...f, title: value }))
        }}
        data-testid='report-title'
      />
      <Textarea
        className='zb-edit-body'
        value={form.body}
        maxlength={REPORT_LIMITS.bodyMax}
        autoHeight
        placeholder={
          '敬爱的党组织：\n在这里写下这一阶段的学习体会、思想认识和不足……\n\n手写稿可以只拍照上传，不必再打字。'
        }
        onInput={(e) => {
          const value = e.detail.value
          change((f) => ({ ...f, body: value }))
        }}
        data-testid='report-body'
      />
      <Text className='zb-edit-count'>
        {bodyLength} / {REPORT_LIMITS.bodyMax}
      </Text>
    </Card>
  )
}
