/** How long an invitation link works; shown on pages as well as enforced on the server. */
export const INVITATION_DAYS = 7
