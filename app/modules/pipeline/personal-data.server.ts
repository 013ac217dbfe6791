import { asc, eq } from 'drizzle-orm'
import type { PersonalDataSection } from '~/modules/accounts/personal-data-section'
import { organisations, pipelineEventPlaces, pipelineEvents, pipelineNotices, pipelineQuestions } from '~db/schema'

/**
 * Places booked at market engagement events and clarification questions
 * asked. A place is the organisation's, so it stays when the person who
 * booked it leaves, no longer naming them (the reference is set to null).
 */
export const PIPELINE_PERSONAL_DATA: PersonalDataSection[] = [
  {
    key: 'eventPlaces',
    tables: ['pipeline_event_places'],
    export: (tx, user) =>
      tx
        .select({
          event: pipelineEvents.title,
          startsAt: pipelineEvents.startsAt,
          endsAt: pipelineEvents.endsAt,
          place: pipelineEvents.place,
          cancelledAt: pipelineEvents.cancelledAt,
          notice: pipelineNotices.title,
          reference: pipelineNotices.reference,
          organisation: organisations.name,
          bookedAt: pipelineEventPlaces.createdAt,
        })
        .from(pipelineEventPlaces)
        .innerJoin(pipelineEvents, eq(pipelineEvents.id, pipelineEventPlaces.eventId))
        .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineEvents.noticeId))
        .innerJoin(organisations, eq(organisations.id, pipelineEventPlaces.organisationId))
        .where(eq(pipelineEventPlaces.userId, user.id))
        .orderBy(asc(pipelineEvents.startsAt)),
    onDelete: 'Places you booked at market engagement events stay your organisation’s, without your name.',
  },

  {
    key: 'clarificationQuestions',
    tables: ['pipeline_questions'],
    // Only what the person asked; staff's published wording and answer are the Category's.
    export: (tx, user) =>
      tx
        .select({
          notice: pipelineNotices.title,
          reference: pipelineNotices.reference,
          question: pipelineQuestions.question,
          askedAt: pipelineQuestions.createdAt,
          publishedAt: pipelineQuestions.publishedAt,
        })
        .from(pipelineQuestions)
        .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineQuestions.noticeId))
        .where(eq(pipelineQuestions.askedById, user.id))
        .orderBy(asc(pipelineQuestions.createdAt)),
    onDelete: 'Clarification questions you asked are kept for the Category without your name; published ones stay on their notice as published.',
  },
]
