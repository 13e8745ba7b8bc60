export default definePageConfig({ navigationBarTitleText: '栏目管理' })
