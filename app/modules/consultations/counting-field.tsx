import { Radios } from '~/components/choices'
import { CAMPAIGN_COUNTING_OPTIONS, type CampaignCountingChoice } from './counting'

/**
 * The choice of how a report counts confirmed campaigns, with the way the
 * page showed it, so a save from an older page cannot quietly undo someone
 * else's choice. Without a confirmed campaign there is nothing to choose.
 */
export function CampaignCountingField({ campaigns, value, error, legend }: { campaigns: number; value: CampaignCountingChoice; error?: string; legend: string }) {
  if (!campaigns) return null
  return (
    <>
      <input type="hidden" name="seenCounting" value={value} />
      <Radios
        name="campaignCounting"
        legend={legend}
        legendSize="s"
        hint={
          campaigns === 1
            ? 'You confirmed 1 campaign: responses sending the same, or nearly the same, words.'
            : `You confirmed ${campaigns} campaigns: groups of responses sending the same, or nearly the same, words.`
        }
        small
        options={[...CAMPAIGN_COUNTING_OPTIONS]}
        value={value}
        error={error}
      />
    </>
  )
}
