import { plural } from '~/lib/plural'

/** How charts count the responses of a campaign staff have confirmed: each response, or the campaign once. */
export const CAMPAIGN_COUNTING_OPTIONS = [
  { value: 'each', label: 'By their number of responses' },
  { value: 'once', label: 'Once each' },
] as const

export type CampaignCountingChoice = (typeof CAMPAIGN_COUNTING_OPTIONS)[number]['value']

export function campaignCountingFrom(value: string | null | undefined, otherwise: CampaignCountingChoice = 'each'): CampaignCountingChoice {
  return value === 'once' || value === 'each' ? value : otherwise
}

export const countingLabel = (value: CampaignCountingChoice) => CAMPAIGN_COUNTING_OPTIONS.find((o) => o.value === value)!.label

/**
 * What every chart of a consultation's responses counts, said under its
 * caption: which responses, whether those received by email, by post or
 * imported are in, that withdrawn ones are not, and how confirmed campaigns
 * count.
 */
export function countingNote({
  counted,
  submitted = counted,
  withdrawn,
  byChannel,
  campaigns,
  counting,
}: {
  counted: number
  /** Every submitted response, when campaigns counted once make `counted` fewer. */
  submitted?: number
  withdrawn: number
  byChannel: Array<{ channel: string; count: number }>
  campaigns: { campaigns: number; responses: number }
  counting: CampaignCountingChoice
}) {
  const n = (channel: string) => byChannel.find((c) => c.channel === channel)?.count ?? 0
  const offline = n('email') + n('post')
  const imported = n('imported')
  const received = [offline ? `${offline.toLocaleString('en-GB')} received by email or post` : '', imported ? `${imported.toLocaleString('en-GB')} imported from a file` : '']
    .filter(Boolean)
    .join(' and ')
  const campaignWords = !campaigns.campaigns
    ? 'No campaign has been confirmed.'
    : counting === 'once'
      ? campaigns.campaigns === 1
        ? `The confirmed campaign counts once: its ${plural(campaigns.responses, 'response')} count as 1.`
        : `Each of the ${campaigns.campaigns} confirmed campaigns counts once: their ${plural(campaigns.responses, 'response')} count as ${campaigns.campaigns}.`
      : `Confirmed campaigns count by their number of responses: ${plural(campaigns.responses, 'response')} in ${plural(campaigns.campaigns, 'campaign')}.`
  return [
    `The figures count ${submitted === counted ? plural(counted, 'submitted response') : `${counted.toLocaleString('en-GB')} of the ${plural(submitted, 'submitted response')}`}${received ? `, including ${received}` : counted ? ', all made online' : ''}.`,
    withdrawn ? `The ${plural(withdrawn, 'withdrawn response')} and drafts are not counted.` : 'Drafts are not counted; no response has been withdrawn.',
    campaignWords,
  ].join(' ')
}
