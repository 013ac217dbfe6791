import type { ResponseChannel } from '~db/schema'

/** The ways a response reaches the department besides the hub's own form, as staff record them. */
export const OFFLINE_CHANNELS = [
  { value: 'email', label: 'Email' },
  { value: 'post', label: 'Post' },
] as const satisfies Array<{ value: ResponseChannel; label: string }>

export const CHANNEL_LABELS: Record<ResponseChannel, string> = { online: 'Online', email: 'Email', post: 'Post', imported: 'Imported' }
