/** What a person is told after each change to a case study, keyed by what they did. */
export const CASE_STUDY_NOTICES = {
  draft: 'Your draft has been saved. Check it below, then publish it when it is ready.',
  published: 'Your case study has been published.',
  edited: 'Your changes have been saved.',
  rated: 'Your rating has been saved.',
  validated: 'Thank you: your validation of these outcomes has been recorded.',
  comment: 'Your comment has been posted.',
  'comment-edited': 'Your comment has been changed.',
  reported: 'Thank you for your report. Staff will look at it.',
  verified: 'The case study is marked as verified by the department.',
  unverified: 'The case study is no longer marked as verified.',
  hidden: 'The case study is hidden from everyone except staff and its organisation.',
  restored: 'The case study is visible again.',
  deleted: 'The draft has been deleted.',
} as const

export type CaseStudyNotice = keyof typeof CASE_STUDY_NOTICES
