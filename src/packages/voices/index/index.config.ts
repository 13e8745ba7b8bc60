export default definePageConfig({ navigationBarTitleText: '评议与投票' })
