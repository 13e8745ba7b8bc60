import { Button, Switch } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { toastFailure, toastSuccess } from '../../../services/feedback'
import type { Study } from '../../../services/api'
import '../edit/index.scss'
import './index.scss'

function ColumnRow({
  column,
  first,
  last,
  onMove,
  onSaved,
}: {
  column: Study.ColumnView
  first: boolean
  last: boolean
  onMove: (d: 'up' | 'down') => void
  onSaved: (c: Study.ColumnView) => void
}) {
  const [name, setName] = useState(column.name)
  useEffect(() => setName(column.name), [column.name])
  const save = async (next: { name: string; hidden: boolean }) => {
    const result = await callFunction('study', 'saveColumn', { id: column.id, ...next })
    if (!result.ok) return toastFailure(result)
    onSaved(result.data)
    toastSuccess('已保存')
  }
  return (
    <View className={`zb-col-row ${column.hidden ? 'zb-col-row--hidden' : ''}`} data-testid='column-row'>
      <Input
        className='zb-pub-input zb-col-row__name'
        value={name}
        maxlength={8}
        onInput={(e) => setName(e.detail.value)}
        onBlur={() =>
          name.trim() && name.trim() !== column.name && void save({ name: name.trim(), hidden: column.hidden })
        }
      />
      <View className='zb-col-row__ops'>
        <Text
          className={first ? 'zb-col-row__op zb-col-row__off' : 'zb-col-row__op'}
          onClick={first ? undefined : () => onMove('up')}
        >
          上移
        </Text>
        <Text
          className={last ? 'zb-col-row__op zb-col-row__off' : 'zb-col-row__op'}
          onClick={last ? undefined : () => onMove('down')}
        >
          下移
        </Text>
        <Text className='zb-col-row__op zb-col-row__label'>{column.hidden ? '已隐藏' : '显示'}</Text>
        <Switch
          className='zb-col-row__op'
          checked={!column.hidden}
          onChange={(shown) => void save({ name: column.name, hidden: !shown })}
        />
      </View>
    </View>
  )
}

function Columns() {
  const query = useQuery(() => callFunction('study', 'columns'), [])
  return <QueryView query={query}>{(data) => <ColumnsEditor initial={data.columns} />}</QueryView>
}

function ColumnsEditor({ initial }: { initial: Study.ColumnView[] }) {
  const [list, setList] = useState(initial)
  const [adding, setAdding] = useState('')

  const move = async (id: string, direction: 'up' | 'down') => {
    const result = await callFunction('study', 'moveColumn', { id, direction })
    if (!result.ok) return toastFailure(result)
    setList(result.data)
  }
  const add = async () => {
    const result = await callFunction('study', 'saveColumn', { name: adding.trim(), hidden: false })
    if (!result.ok) return toastFailure(result)
    setAdding('')
    setList((l) => [...l, result.data])
    toastSuccess('已添加')
  }

  return (
    <View className='zb-col'>
      <Text className='zb-col__hint'>
        栏目按此顺序显示在学习页。隐藏的栏目不再出现在导航和发布选项中，已发布的文章仍可阅读。改名后点空白处保存。
      </Text>
      <View className='zb-col__card'>
        {list.map((c, i) => (
          <ColumnRow
            key={c.id}
            column={c}
            first={i === 0}
            last={i === list.length - 1}
            onMove={(d) => void move(c.id, d)}
            onSaved={(saved) => setList((l) => l.map((x) => (x.id === saved.id ? saved : x)))}
          />
        ))}
      </View>
      <View className='zb-col__card zb-col__add'>
        <Input
          className='zb-pub-input zb-col__add-input'
          value={adding}
          maxlength={8}
          placeholder='新栏目名称（最多 8 字）'
          onInput={(e) => setAdding(e.detail.value)}
        />
        <Button type='primary' size='small' disabled={!adding.trim()} onClick={() => void add()}>
          添加
        </Button>
      </View>
    </View>
  )
}

/** Committee: add, rename, order and hide the study columns. */
export default sessionPage('page-columns', Columns, { only: { role: 'committee', refused: '栏目由院党委统一管理' } })
