import { Image, Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { withQuery } from '../../../hooks/useParams'
import { ROUTES } from '../../../routes'
import type { HonourCard } from '../../../services/api'
import { Empty, go } from '../shared/ui'

function Honour({ h }: { h: HonourCard }) {
  const articleId = h.articleId
  return (
    <View className='zbv-honour' data-testid='honour'>
      {h.photoUrl ? (
        <Image className='zbv-honour__photo' src={h.photoUrl} mode='aspectFill' />
      ) : (
        <Text className='zbv-honour__initial'>{h.name.slice(0, 1)}</Text>
      )}
      <View className='zbv-row__main'>
        <View className='zbv-member__head'>
          <Text className='zbv-member__name'>{h.name}</Text>
          <Text className='zbv-member__meta'>{h.branchName}</Text>
        </View>
        <Text className='zbv-honour__title'>
          {h.year}年度 {h.title}
        </Text>
        <Text className='zbv-row__sub'>{h.citation}</Text>
        {articleId ? (
          <Text className='zbv-link' onClick={() => go(withQuery(ROUTES.studyArticle, { id: articleId }))}>
            阅读党员风采 ›
          </Text>
        ) : null}
      </View>
    </View>
  )
}

/** The 榜样 window: the awarded honours, newest year first. */
export function Window({ honours }: { honours: HonourCard[] }) {
  const years = [...new Set(honours.map((h) => h.year))].sort((a, b) => b - a)
  if (honours.length === 0)
    return (
      <Card title='榜样'>
        <Empty bare>还没有公布的表彰</Empty>
      </Card>
    )
  return (
    <>
      {years.map((y) => (
        <Card key={y} title={`${y}年度表彰`}>
          {honours
            .filter((h) => h.year === y)
            .map((h) => (
              <Honour key={h.id} h={h} />
            ))}
        </Card>
      ))}
    </>
  )
}
