import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Study } from '../../../services/api'

/** The article's structured body, rendered with Taro components (never raw HTML); the video is the page's. */
export function Body({ article }: { article: Study.ArticleView }) {
  const images = article.body.flatMap((b) => (b.type === 'image' && b.url ? [b.url] : []))
  return (
    <View className='zb-read-body' data-testid='article-body'>
      {article.body.map((block, i) => {
        switch (block.type) {
          case 'heading':
            return (
              <Text key={i} className='zb-read-body__heading'>
                {block.text}
              </Text>
            )
          case 'quote':
            return (
              <View key={i} className='zb-read-body__quote'>
                <Text>{block.text}</Text>
              </View>
            )
          case 'image':
            return (
              <View key={i} className='zb-read-body__figure'>
                {block.url ? (
                  <Image
                    className='zb-read-body__image'
                    src={block.url}
                    mode='widthFix'
                    lazyLoad
                    onClick={() => void Taro.previewImage({ urls: images, current: block.url })}
                  />
                ) : (
                  <View className='zb-read-body__missing'>
                    <Text>图片暂时无法显示</Text>
                  </View>
                )}
                {block.caption ? <Text className='zb-read-body__caption'>{block.caption}</Text> : null}
              </View>
            )
          default:
            return (
              <Text key={i} className='zb-read-body__paragraph' userSelect>
                {block.text}
              </Text>
            )
        }
      })}
    </View>
  )
}
