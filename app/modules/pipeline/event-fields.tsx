import { DateInput } from '~/components/date-input'
import { TextInput } from '~/components/text-input'
import { Textarea } from '~/components/textarea'
import { valueOf, type FieldErrors, type FormValues } from '~/lib/forms'
import { toDateParts } from '~/lib/time'
import { MAX_EVENT_CAPACITY } from './events'

type Saved = { title: string; startsAt: string | Date; endsAt: string | Date; place: string; onlineUrl: string; capacity: number; description: string }

/** The fields of the staff event form, showing what was typed after a refusal, else the saved event. */
export function EventFields({ values, errors, saved }: { values?: FormValues; errors?: FieldErrors; saved?: Saved }) {
  const v = (name: string, fallback = '') => (values ? (valueOf(values, name) ?? '') : fallback)
  const start = values ? { day: v('startsAt-day'), month: v('startsAt-month'), year: v('startsAt-year'), time: v('startsAt-time') } : toDateParts(saved?.startsAt)
  return (
    <>
      <TextInput name="title" label="Title" hint="Like Supplier briefing: lot structure" defaultValue={v('title', saved?.title)} error={errors?.title} />
      <DateInput name="startsAt" legend="Date and start time" legendSize="s" hint="UK time. For example, 29 1 2027 and 09:30." withTime value={start} error={errors?.startsAt} />
      <TextInput
        name="endTime"
        label="End time (24-hour, UK time)"
        hint="On the same day, like 11:00"
        width={5}
        inputMode="numeric"
        defaultValue={v('endTime', saved ? toDateParts(saved.endsAt)?.time : '')}
        error={errors?.endTime}
      />
      <TextInput name="place" label="Place (optional if online)" hint="The venue’s name and address" defaultValue={v('place', saved?.place)} error={errors?.place} />
      <TextInput
        name="onlineUrl"
        label="Online link (optional if in person)"
        hint="Starting https://, like a Teams or Zoom link"
        type="url"
        spellCheck={false}
        defaultValue={v('onlineUrl', saved?.onlineUrl)}
        error={errors?.onlineUrl}
      />
      <TextInput
        name="capacity"
        label="Number of places"
        hint={`One place per organisation. Up to ${MAX_EVENT_CAPACITY}.`}
        width={5}
        inputMode="numeric"
        defaultValue={v('capacity', saved ? String(saved.capacity) : '')}
        error={errors?.capacity}
      />
      <Textarea
        name="description"
        label="Description (optional)"
        hint="What the event covers and who should come"
        maxLength={2000}
        defaultValue={v('description', saved?.description)}
        error={errors?.description}
      />
    </>
  )
}

/** Where the error summary's links go for fields whose first input has another id. */
export const EVENT_ANCHORS = { startsAt: 'startsAt-day' }
