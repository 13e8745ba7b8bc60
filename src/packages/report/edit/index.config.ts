export default definePageConfig({ navigationBarTitleText: '写思想汇报' })
