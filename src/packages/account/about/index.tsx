import { Text, View } from '@tarojs/components'
import { Card } from '../../../components/Card'
import { Page } from '../../../components/Page'
import './index.scss'

const SECTIONS: { title: string; text: string }[] = [
  {
    title: '支部通能做什么',
    text: '面向高校学生党建工作：学生学习、提交思想汇报、参加组织生活签到和知识答题；支部书记在手机上审阅汇报、组织会议、跟踪每位成员的发展阶段；院党委统一查看全院各支部。',
  },
  {
    title: '个人信息保护',
    text: '政治面貌和思想汇报属于个人信息：学生只能查看本人的记录，支部书记只能查看本支部，院党委可查看全院。每一次敏感变更都会留下记录：谁、在何时、做了什么。',
  },
  {
    title: '遇到问题',
    text: '无法绑定学号、发展阶段或日期有误，请联系所在党支部书记核对。',
  },
]

export default function AboutPage() {
  return (
    <Page testId='page-about'>
      <View className='zb-about__brand'>
        <View className='zb-about__logo'>
          <Text>支</Text>
        </View>
        <Text className='zb-about__name'>支部通</Text>
        <Text className='zb-about__slogan'>高校学生党建工作助手</Text>
      </View>
      {SECTIONS.map((s) => (
        <Card key={s.title} title={s.title}>
          <Text className='zb-about__text'>{s.text}</Text>
        </Card>
      ))}
    </Page>
  )
}
