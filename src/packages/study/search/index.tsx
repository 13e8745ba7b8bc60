import { SearchBar } from '@nutui/nutui-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { ListFooter, listGate } from '../../../ui'
import { callFunction } from '../../../services/call'
import { ArticleItem } from '../../../components/ArticleItem'
import { useCursorList } from '../../../hooks/useCursorList'
import '../list.scss'

function Results({ keyword }: { keyword: string }) {
  const list = useCursorList((cursor) => callFunction('study', 'list', { keyword, cursor }), [keyword])
  useReachBottom(list.loadMore)
  const gate = listGate(list, { keepWhileLoading: false, loading: <Text className='zb-list-footer'>搜索中…</Text> })
  if (gate) return gate
  return (
    <View className='zb-study-list' data-testid='search-results'>
      {list.items.map((a) => (
        <ArticleItem key={a.id} article={a} />
      ))}
      <ListFooter list={list} emptyText={`没有找到标题含“${keyword}”的文章`} />
    </View>
  )
}

/** Search by title, across the columns the reader may read. */
function Search() {
  const [input, setInput] = useState('')
  const [keyword, setKeyword] = useState('')
  return (
    <>
      <View className='zb-study-searchbar'>
        <SearchBar
          value={input}
          placeholder='输入标题中的词，如“党章”'
          maxLength={30}
          autoFocus
          onChange={setInput}
          onSearch={(v) => setKeyword(v.trim())}
          onClear={() => setKeyword('')}
          rightIn={
            <Text
              style={{ color: '#C8161D', padding: '0 8px' }}
              onClick={() => setKeyword(input.trim())}
              data-testid='search-go'
            >
              搜索
            </Text>
          }
        />
      </View>
      {keyword ? <Results keyword={keyword} /> : <Text className='zb-list-footer'>输入关键词搜索文章标题</Text>}
    </>
  )
}

export default sessionPage('page-search', Search)
