import { Form } from '@remix-run/react'
import { Button } from '~/components/button'
import { Details } from '~/components/misc'
import { Textarea } from '~/components/textarea'

/** Staff verify a case study or hide it, with a reason the organisation is sent. */
export function StaffTools({ verified, hidden, error }: { verified: boolean; hidden: boolean; error?: string }) {
  return (
    <Details summary="Staff: verify or moderate this case study" open={Boolean(error)}>
      <Form method="post">
        <input type="hidden" name="intent" value={verified ? 'unverify' : 'verify'} />
        <Button variant="secondary">{verified ? 'Remove “verified by the department”' : 'Mark as verified by the department'}</Button>
      </Form>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={hidden ? 'restore' : 'hide'} />
        <Textarea
          name="reason"
          id="moderationReason"
          label={hidden ? 'Reason for restoring it' : 'Reason for hiding it'}
          labelSize="s"
          hint="The organisation is sent this reason"
          error={error}
          rows={2}
        />
        <Button variant={hidden ? 'secondary' : 'warning'}>{hidden ? 'Restore case study' : 'Hide case study'}</Button>
      </Form>
    </Details>
  )
}
