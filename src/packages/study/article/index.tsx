import { Heart, HeartFill, Share, Star, StarFill, Tips } from '../../../components/Icon'
import { Button as TaroButton, Image, Text, Video, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect } from 'react'
import { sessionPage } from '../../../components/SessionPage'
import { NoticeView, QueryView } from '../../../ui'
import { useQuery } from '../../../hooks/useCall'
import { callFunction } from '../../../services/call'
import { count, friendlyDate } from '../../../utils/study'
import { sawReadCount } from '../../../components/ArticleItem/readCounts'
import { Body } from './Body'
import { Comments } from './Comments'
import { useReading } from './useReading'
import { useWatching } from './useWatching'
import './index.scss'
import { readingText, useToggle } from './engagement'

function ArticleScreen({ id }: { id: string }) {
  const open = useQuery(() => callFunction('study', 'openArticle', { id }), [id])
  const data = open.data
  // A video lesson earns its points by time actually played; everything else by time open.
  const watchesVideo = Boolean(data?.article.video?.seconds)
  const timed = useReading(id, watchesVideo ? undefined : data?.reading)
  const watching = useWatching(id, watchesVideo ? data?.reading : undefined)
  const reading = watchesVideo ? watching.state : timed
  const like = useToggle(id, 'like', data?.liked ?? false, data?.article.likeCount ?? 0)
  const favorite = useToggle(id, 'favorite', data?.favorited ?? false, 0)

  useEffect(() => {
    if (!data) return
    void Taro.setNavigationBarTitle({ title: data.article.columnName })
    // The list this article was opened from shows the count with this read when the reader goes back.
    sawReadCount(data.article.id, data.article.readCount)
  }, [data])
  useShareAppMessage(() => ({
    title: data?.article.title ?? '支部通',
    path: `/packages/study/article/index?id=${encodeURIComponent(id)}`,
  }))

  return (
    <QueryView
      query={open}
      refused={(failure) =>
        failure.code === 'NOT_FOUND' || failure.code === 'INVALID_ARGUMENT' ? (
          <NoticeView
            testId='article-missing'
            icon={<Tips size={36} />}
            title='文章不存在或已下线'
            text='这篇文章可能已被撤回，或不在你的阅读范围内。'
            action={{
              label: '返回',
              onClick: () => void Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/study/index' })),
            }}
          />
        ) : null
      }
    >
      {(data) => {
        const { article } = data

        const shareOnH5 = () => {
          void Taro.setClipboardData({ data: window.location.href }).then(() =>
            Taro.showToast({ title: '链接已复制，可发给同学', icon: 'none' }),
          )
        }

        return (
          <>
            <View className='zb-read' data-testid='article'>
              <Text className='zb-read__title' data-testid='article-title'>
                {article.title}
              </Text>
              <View className='zb-read__meta'>
                <Text className='zb-read__meta-item zb-read__publisher'>{article.publisherName}</Text>
                <Text className='zb-read__meta-item'>{friendlyDate(article.publishedAt)}</Text>
                <Text className='zb-read__meta-item'>阅读 {count(article.readCount)}</Text>
              </View>
              {article.audienceLabel ? (
                <Text className='zb-read__audience' data-testid='article-audience'>
                  仅面向：{article.audienceLabel}
                </Text>
              ) : null}
              {article.video ? (
                // The frame holds the player's box: Taro's H5 player is absolutely positioned inside its parent.
                <View className='zb-read__player'>
                  <Video
                    className='zb-read__video'
                    src={article.video.url}
                    poster={article.cover ?? undefined}
                    controls
                    showCenterPlayBtn
                    showFullscreenBtn
                    objectFit='contain'
                    onTimeUpdate={(e) => watching.onTimeUpdate(e.detail.currentTime)}
                    onPause={watching.onPause}
                    onEnded={watching.onEnded}
                    data-testid='article-video'
                  />
                </View>
              ) : article.cover ? (
                <Image className='zb-read__cover' src={article.cover} mode='widthFix' />
              ) : null}
              <Body article={article} />
              <Comments articleId={article.id} count={article.commentCount} />
            </View>

            <View className='zb-read-bar'>
              <View
                className={`zb-read-bar__status zb-read-bar__status--${reading?.phase ?? 'reading'}`}
                data-testid='reading-status'
              >
                <Text>{readingText(reading, data.reading)}</Text>
              </View>
              <View className='zb-read-bar__actions'>
                <View
                  className={`zb-read-bar__action ${like.on ? 'zb-read-bar__action--on' : ''}`}
                  onClick={() => void like.toggle()}
                  data-testid='like'
                >
                  {like.on ? <HeartFill size={18} color='#C8161D' /> : <Heart size={18} color='#4E5561' />}
                  <Text>{like.count > 0 ? count(like.count) : '点赞'}</Text>
                </View>
                <View
                  className={`zb-read-bar__action ${favorite.on ? 'zb-read-bar__action--on' : ''}`}
                  onClick={() => void favorite.toggle()}
                  data-testid='favorite'
                >
                  {favorite.on ? <StarFill size={18} color='#E9A23B' /> : <Star size={18} color='#4E5561' />}
                  <Text>{favorite.on ? '已收藏' : '收藏'}</Text>
                </View>
                {process.env.TARO_ENV === 'weapp' ? (
                  <TaroButton className='zb-read-bar__action zb-read-bar__share' openType='share'>
                    <Share size={18} color='#4E5561' />
                    <Text>分享</Text>
                  </TaroButton>
                ) : (
                  <View className='zb-read-bar__action' onClick={shareOnH5}>
                    <Share size={18} color='#4E5561' />
                    <Text>分享</Text>
                  </View>
                )}
              </View>
            </View>
          </>
        )
      }}
    </QueryView>
  )
}

export default sessionPage('page-article', ({ params }) => <ArticleScreen id={params.id ?? ''} />)
