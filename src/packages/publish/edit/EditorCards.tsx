import { Switch } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import type { Study } from '../../../services/api'
import type { EditorForm } from '../draft'
import { AudiencePicker } from './form'

interface CardProps {
  form: EditorForm
  change: (update: (f: EditorForm) => EditorForm) => void
  editor: Study.EditorInfo
}

/** Title, column and summary. */
export function TitleCard({ form, change, editor }: CardProps) {
  return (
    <Card title='标题与栏目'>
      <Input
        className='zb-pub-input'
        value={form.title}
        maxlength={40}
        placeholder='标题（4–40 字）'
        onInput={(e) => change((f) => ({ ...f, title: e.detail.value }))}
        data-testid='pub-title'
      />
      <View className='zb-pub-chips'>
        {editor.columns.map((c) => (
          <Text
            key={c.id}
            className={`zb-pub-chip ${form.columnId === c.id ? 'zb-pub-chip--on' : ''}`}
            onClick={() => change((f) => ({ ...f, columnId: c.id }))}
          >
            {c.name}
          </Text>
        ))}
      </View>
      <Textarea
        className='zb-pub-summary'
        value={form.summary}
        maxlength={120}
        autoHeight
        placeholder='摘要（选填，显示在文章列表）'
        onInput={(e) => change((f) => ({ ...f, summary: e.detail.value }))}
      />
    </Card>
  )
}

/** Who may read it, and whether it is pinned. */
export function AudienceCard({ form, change, editor, committee }: CardProps & { committee: boolean }) {
  return (
    <Card title='阅读范围'>
      <AudiencePicker
        audience={form.audience}
        editor={editor}
        committee={committee}
        onChange={(audience) => change((f) => ({ ...f, audience }))}
      />
      <View className='zb-pub-pin'>
        <View>
          <Text className='zb-pub-pin__title'>置顶</Text>
          <Text className='zb-pub-hint'>置顶后显示在学习页顶部，适合重要通知</Text>
        </View>
        <Switch checked={form.pinned} onChange={(v) => change((f) => ({ ...f, pinned: v }))} />
      </View>
    </Card>
  )
}
