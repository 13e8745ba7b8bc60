export default definePageConfig({ navigationBarTitleText: '搜索文章', onReachBottomDistance: 80 })
