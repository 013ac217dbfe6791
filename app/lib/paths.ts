/**
 * The addresses of the hub's pages, built in one place so a page that moves
 * is moved once and a mistyped sub-page fails the type check. Each function
 * takes the identifying segments and, where a resource has pages under it,
 * which one. Safe for the browser: nothing here reads configuration.
 * Queries and fragments are added by the caller.
 */

const under = (base: string, page?: string) => (page ? `${base}/${page}` : base)

export type ConsultationPage =
  `documents/${string}` | 'respond' | 'feedback' | 'accessible-format' | 'outcome' | 'summary' | 'summary.odt' | 'responses' | 'responses.csv' | 'responses.json' | `resume/${string}`
export const consultationPath = (slug: string, page?: ConsultationPage) => under(`/consultations/${slug}`, page)

export type ConsultationResponsePage = 'check' | 'details' | 'saved' | `section/${number}`
export const consultationResponsePath = (slug: string, responseId: string, page?: ConsultationResponsePage) => under(`/consultations/${slug}/response/${responseId}`, page)

export type StaffConsultationPage =
  | 'analysis'
  | 'campaigns'
  | `campaigns/${string}`
  | 'confirm'
  | 'documents'
  | `documents/${string}`
  | 'edit'
  | 'export.csv'
  | 'export.json'
  | 'extend'
  | 'outcome'
  | 'preview'
  | 'publication'
  | 'publication/release'
  | 'responses/new'
  | 'responses/import'
  | 'summary'
  | `publication/${string}`
  | 'requests'
  | 'questions/new'
  | `questions/${string}/answers`
  | `questions/${string}/suggestions`
  | `questions/${string}/edit`
  | `responses/${string}`
  | `sections/${string}`
  | 'themes'
  | `themes/${string}`
export const staffConsultationPath = (id: string, page?: StaffConsultationPage) => under(`/staff/consultations/${id}`, page)

export type CaseStudyPage = 'edit' | 'history' | 'report' | `comments/${string}/edit`
export const caseStudyPath = (slug: string, page?: CaseStudyPage) => under(`/what-works/${slug}`, page)
export const caseStudyReportPath = (id: string) => `/staff/what-works/reports/${id}`

export type OrganisationPage = 'edit' | 'leave' | 'members' | 'members/remove'
export const organisationPath = (slug: string, page?: OrganisationPage) => under(`/organisations/${slug}`, page)
export const invitationPath = (token: string) => `/organisations/invitations/${token}`

export type NoticePage =
  `documents/${string}` | `events/${string}` | `events/${string}/calendar.ics` | 'interest' | `interest/${string}` | 'partners' | 'questions' | 'notice.csv' | 'notice.json' | 'ocds.json'
export const noticePath = (slug: string, page?: NoticePage) => under(`/pipeline/${slug}`, page)
export type StaffNoticePage = 'award' | 'documents' | `documents/${string}` | 'edit' | 'events' | `events/${string}` | `events/${string}/attendees.csv` | 'interest' | 'interest.csv'
export const staffNoticePath = (id: string, page?: StaffNoticePage) => under(`/staff/pipeline/${id}`, page)
/** The clarification questions awaiting an answer, or one of them. */
export const staffQuestionPath = (questionId?: string) => under('/staff/pipeline/questions', questionId)

export const newsletterPath = (slug: string) => `/newsletters/${slug}`
export type StaffNewsletterPage = 'edit' | 'preview' | 'schedule' | 'send'
export const staffNewsletterPath = (id: string, page?: StaffNewsletterPage) => under(`/staff/newsletters/${id}`, page)

export type SurveyPage = 'results'
export const surveyPath = (slug: string, page?: SurveyPage) => under(`/surveys/${slug}`, page)
export type SurveyResponsePage = 'check' | 'receipt' | 'saved' | `page/${number}`
export const surveyResponsePath = (slug: string, participationId: string, page?: SurveyResponsePage) => under(`/surveys/${slug}/response/${participationId}`, page)
export type StaffSurveyPage = 'results' | 'results.csv' | 'results.json' | 'summary' | `questions/${string}/edit`
export const staffSurveyPath = (id: string, page?: StaffSurveyPage) => under(`/staff/surveys/${id}`, page)

export const subscriptionPath = (token: string) => `/subscriptions/${token}`
export const adminUserPath = (id: string) => `/admin/users/${id}`
export const mailboxMessagePath = (id: string) => `/admin/mailbox/${id}`
