export default definePageConfig({ navigationBarTitleText: '审阅思想汇报' })
