export default definePageConfig({ navigationBarTitleText: '发展工作提醒' })
