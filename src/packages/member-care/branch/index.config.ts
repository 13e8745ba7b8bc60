export default definePageConfig({ navigationBarTitleText: '党员教育管理' })
