import { Button, Input } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { CursorListView } from '../../../components/CursorListView'
import { TabRow } from '../../../components/TabRow'
import { Page } from '../../../components/Page'
import { Segmented } from '../../../ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { ROUTES } from '../../../routes'
import type { BankQuestion } from '../../../services/api'
import { callFunction } from '../../../services/call'
import { OPTION_LETTERS, QUIZ_DIFFICULTY_LABELS, QUIZ_QUESTION_TYPE_LABELS } from '../../../services/domain'
import { SUGGESTED_TAGS } from '../../../utils/quiz'
import { withQuery } from '../../../hooks/useParams'
import '../shared/admin.scss'
import './index.scss'

type Status = 'active' | 'retired'

/** The question bank: browse by status and tag, search stems, and open a question to edit or retire it. */
export default function BankPage() {
  const [status, setStatus] = useState<Status>('active')
  const [tag, setTag] = useState('')
  const [keyword, setKeyword] = useState('')
  const [search, setSearch] = useState('')
  const list = useCursorList(
    (cursor) =>
      callFunction('quiz', 'questions', {
        status,
        ...(tag ? { tag } : {}),
        ...(search ? { keyword: search } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    [status, tag, search],
  )
  const shown = useRef(false)
  useDidShow(() => {
    // Back from the editor: the question may have changed.
    if (shown.current) list.reload()
    shown.current = true
  })

  return (
    <Page testId='page-quiz-bank'>
      <TabRow
        className='za-tabs'
        tabClass='za-tabs__tab'
        tabs={[
          ['active', '在用题目'],
          ['retired', '已停用'],
        ]}
        value={status}
        onChange={setStatus}
      />
      <View className='zb-filters'>
        <View className='zb-search'>
          <Input
            placeholder='搜索题干关键词'
            value={keyword}
            onChange={setKeyword}
            onConfirm={() => setSearch(keyword.trim())}
            clearable
            onClear={() => setSearch('')}
          />
          <Text className='zb-search__go' onClick={() => setSearch(keyword.trim())}>
            搜索
          </Text>
        </View>
        <Segmented<string>
          options={[['', '全部'], ...SUGGESTED_TAGS.map((t): [string, string] => [t, t])]}
          value={tag}
          onChange={setTag}
        />
      </View>
      <View className='za-actions zb-top-actions'>
        <Button type='primary' onClick={() => void Taro.navigateTo({ url: ROUTES.quizEdit })}>
          新增题目
        </Button>
        <Button type='primary' fill='outline' onClick={() => void Taro.navigateTo({ url: ROUTES.quizImport })}>
          批量导入
        </Button>
      </View>
      <CursorListView
        list={list}
        empty={
          search || tag
            ? '没有符合条件的题目。'
            : status === 'active'
              ? '题库还是空的，可以新增题目或批量导入。'
              : '没有停用的题目。'
        }
      >
        {(items) => items.map((q) => <BankItem key={q.id} q={q} />)}
      </CursorListView>
    </Page>
  )
}

/**
 * One question: a static WXML template of its own on weapp (compileMode), in few nodes: the options in one text (one
 * per line) and the right ones again, green, on a line of their own.
 */
function BankItem({ q }: { q: BankQuestion }) {
  const meta = [`难度 ${QUIZ_DIFFICULTY_LABELS[q.difficulty]}`, ...q.tags].join(' · ')
  const labelled = q.options.map((o, i) => (q.type === 'judge' ? o : `${OPTION_LETTERS[i]}. ${o}`))
  const answer = labelled.filter((_, i) => q.answer?.includes(i)).join('；')
  return (
    <View
      compileMode
      className='za-q'
      data-testid='bank-question'
      onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.quizEdit, { id: q.id }) })}
    >
      <Text className='za-q__meta'>
        <Text className='zu-pill zu-pill--red'>{QUIZ_QUESTION_TYPE_LABELS[q.type]}</Text>
        {meta}
      </Text>
      <Text className='za-q__stem'>{q.stem}</Text>
      <Text className='za-q__option zb-bank-options'>{labelled.join('\n')}</Text>
      {answer ? <Text className='za-q__option za-q__option--right'>{`答案：${answer}`}</Text> : null}
      {q.explanation ? <Text className='za-q__explain'>{`解析：${q.explanation}`}</Text> : null}
      <Text className='za-q__link zb-bank-edit'>编辑 ›</Text>
    </View>
  )
}
