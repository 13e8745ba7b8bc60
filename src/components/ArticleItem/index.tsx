import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../routes'
import { count, friendlyDate } from '../../utils/study'
import type { Study } from '../../services/api'
import { useReadCount } from './readCounts'
import './index.scss'

export function openArticle(id: string): void {
  void Taro.navigateTo({ url: `${ROUTES.studyArticle}?id=${encodeURIComponent(id)}` })
}

/**
 * One article in a list: title, where and when, how many read it; the cover on the right when there is one.
 * On weapp it is a static WXML template of its own (compileMode): a third of the nodes of Taro's generic templates.
 */
export function ArticleItem({
  article,
  showColumn = true,
  extra,
}: {
  article: Study.ArticleCard
  showColumn?: boolean
  extra?: string
}) {
  const readCount = useReadCount(article.id, article.readCount)
  return (
    <View
      compileMode
      className='zb-article'
      data-testid='article-item'
      data-id={article.id}
      onClick={() => openArticle(article.id)}
    >
      <View className='zb-article__main'>
        <Text className='zb-article__title'>
          {article.pinned ? <Text className='zb-article__tag zb-article__tag--pin'>置顶</Text> : null}
          {article.hasVideo ? <Text className='zb-article__tag'>视频</Text> : null}
          {article.title}
        </Text>
        <View className='zb-article__meta'>
          {showColumn ? <Text className='zb-article__meta-item zb-article__column'>{article.columnName}</Text> : null}
          <Text className='zb-article__meta-item'>
            {`${extra ?? friendlyDate(article.publishedAt)}\u3000阅读 ${count(readCount)}`}
          </Text>
          {article.audienceLabel ? (
            <Text className='zb-article__meta-item zb-article__audience'>{article.audienceLabel}</Text>
          ) : null}
        </View>
      </View>
      {article.cover ? <Image className='zb-article__cover' src={article.cover} mode='aspectFill' lazyLoad /> : null}
    </View>
  )
}
