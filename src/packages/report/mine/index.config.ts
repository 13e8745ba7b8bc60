export default definePageConfig({ navigationBarTitleText: '我的思想汇报' })
