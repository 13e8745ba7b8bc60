export default definePageConfig({
  navigationBarTitleText: '栏目',
  enablePullDownRefresh: true,
  onReachBottomDistance: 80,
})
