import { responsesDownloadLoader } from '~/modules/surveys/results-download.server'

export const loader = responsesDownloadLoader('csv')
