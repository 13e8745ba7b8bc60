export default definePageConfig({ navigationBarTitleText: '成员汇报日历' })
