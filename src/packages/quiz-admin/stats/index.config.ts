export default definePageConfig({ navigationBarTitleText: '测验统计' })
