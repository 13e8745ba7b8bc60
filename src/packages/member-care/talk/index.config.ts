export default definePageConfig({ navigationBarTitleText: '记录谈心谈话' })
