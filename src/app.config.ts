const tab = (
  name: string,
  text: string,
): { pagePath: string; text: string; iconPath: string; selectedIconPath: string } => ({
  pagePath: `pages/${name}/index`,
  text,
  iconPath: `assets/tabbar/${name}.png`,
  selectedIconPath: `assets/tabbar/${name}-active.png`,
})

// The persona picker exists only where identity is picked by hand (H5 against the local cloud).
const accountPages = ['bind/index', 'about/index', ...(process.env.TARO_ENV === 'h5' ? ['persona/index'] : [])]

export default defineAppConfig({
  pages: ['pages/study/index', 'pages/report/index', 'pages/checkin/index', 'pages/quiz/index', 'pages/me/index'],
  // Feature pages live in subpackages (src/packages/<feature>/) so the main package stays small.
  subPackages: [
    { root: 'packages/account', pages: accountPages },
    { root: 'packages/study', pages: ['article/index', 'column/index', 'search/index', 'points/index', 'marks/index'] },
    { root: 'packages/publish', pages: ['index/index', 'edit/index', 'columns/index'] },
    {
      root: 'packages/meeting',
      pages: [
        'detail/index',
        'edit/index',
        'code/index',
        'minutes/index',
        'history/index',
        'past/index',
        'compliance/index',
        'mycode/index',
      ],
    },
    { root: 'packages/report', pages: ['edit/index', 'detail/index', 'mine/index'] },
    { root: 'packages/review', pages: ['detail/index', 'overdue/index', 'member/index'] },
    {
      root: 'packages/quiz',
      pages: ['take/index', 'result/index', 'challenge/index', 'list/index', 'mistakes/index', 'ranking/index'],
    },
    {
      root: 'packages/quiz-admin',
      pages: ['manage/index', 'create/index', 'stats/index', 'bank/index', 'edit/index', 'import/index'],
    },
    {
      root: 'packages/branch',
      pages: [
        'workspace/index',
        'members/index',
        'member/index',
        'stage/index',
        'self/index',
        'import/index',
        'branches/index',
        'audit/index',
        'exports/index',
        'archive/index',
        'bindcodes/index',
      ],
    },
    // Charts of the dashboard: their own subpackage, so neither the main package nor the workspace carries them.
    { root: 'packages/dashboard', pages: ['index'] },
    { root: 'packages/dues', pages: ['pay/index', 'branch/index', 'statement/index'] },
    {
      root: 'packages/voices',
      pages: [
        'index/index',
        'appraisal/index',
        'manage/index',
        'vote/index',
        'vote-edit/index',
        'survey/index',
        'survey-edit/index',
        'honours/index',
      ],
    },
    { root: 'packages/development', pages: ['file/index', 'branch/index', 'calendar/index', 'rules/index'] },
    {
      root: 'packages/member-care',
      pages: [
        'index/index',
        'away/index',
        'transfer/index',
        'hours/index',
        'branch/index',
        'talk/index',
        'training/index',
      ],
    },
  ],
  window: {
    // 'default' also turns on Taro's H5 navigation bar (title + back), like WeChat's own.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '支部通',
    backgroundColor: '#F5F6F8',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8A8F99',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [tab('study', '学习'), tab('report', '汇报'), tab('checkin', '签到'), tab('quiz', '答题'), tab('me', '我的')],
  },
  // WeChat injects only the components a page uses, instead of every component at start-up.
  lazyCodeLoading: 'requiredComponents',
})
