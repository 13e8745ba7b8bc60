import type { SeedArticle } from './types'

/**
 * 微党课: two short video lessons (title slides made offline by scripts/make-demo-videos.sh; the files
 * and their first-frame covers live in ../videos/), each with a few lines of text under the video.
 */
export const LESSONS: SeedArticle[] = [
  {
    id: 'a-lesson-01',
    column: 'col-lesson',
    title: '微党课｜一起读懂入党誓词',
    summary: '二十秒，把入党誓词的八十个字分成四层来读。',
    daysAgo: 1,
    by: 'committee',
    reads: 21,
    likes: 4,
    video: { file: 'lesson-1', seconds: 20 },
    body: `入党誓词只有八十个字，却把一名党员的信念、纪律和担当都写了进去。这节微党课把它分成四层来读。

## 读的时候想一想
哪一句对你现在的学习生活最有约束力？在支部学习时可以说一说。`,
  },
  {
    id: 'a-lesson-02',
    column: 'col-lesson',
    title: '微党课｜红船精神',
    summary: '从嘉兴南湖的一条小船说起：开天辟地、敢为人先，坚定理想、百折不挠，立党为公、忠诚为民。',
    daysAgo: 4,
    by: 'committee',
    reads: 33,
    likes: 7,
    video: { file: 'lesson-2', seconds: 20 },
    body: `1921 年，中国共产党第一次全国代表大会在嘉兴南湖的一条游船上闭幕。红船精神概括为三句话。

> 开天辟地、敢为人先的首创精神；坚定理想、百折不挠的奋斗精神；立党为公、忠诚为民的奉献精神。

看完视频，可以在评论区写下你对其中一句的理解。`,
  },
]
