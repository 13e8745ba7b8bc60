export default definePageConfig({ navigationBarTitleText: '评议投票管理' })
