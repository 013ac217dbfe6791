/** How long an invitation link works; shown on pages as well as enforced on the server. */
export const INVITATION_DAYS = 7

/** Why an invitation link cannot be used, in the words the invitation page shows. */
export const INVITATION_PROBLEMS = {
  not_found: 'This invitation link is not valid. Check you copied the whole link from the email.',
  expired: 'This invitation has expired. Ask an admin of the organisation to invite you again.',
  used: 'This invitation has already been used. Each invitation link works once.',
  wrong_account: 'This invitation was sent to a different email address from the one you are signed in with.',
} as const

export type InvitationProblem = keyof typeof INVITATION_PROBLEMS
