/**
 * The hub's machine-readable outputs, listed on /open-data. Each capability
 * adds its own entry here when it publishes data.
 */
export type Dataset = {
  id: string
  title: string
  description: string
  /** Updated whenever the data changes, unless a schedule is given. */
  updated?: string
  formats: Array<{ label: 'CSV' | 'JSON' | 'OCDS JSON' | string; href: string }>
}

export const DATASETS: Dataset[] = [
  {
    id: 'consultation-responses',
    title: 'Consultations and published responses',
    description:
      'Every published consultation with its dates and status. Once a consultation has closed and staff have reviewed its responses, the responses whose authors agreed to publication are published for it as CSV and JSON: one row per response, one column per question. Responses and answers people asked to keep confidential are never included, names are left out where people asked to be anonymous, and words removed in review are shown as “[redacted]”.',
    formats: [{ label: 'JSON list of consultations, with links to each one’s published responses', href: '/consultations.json' }],
  },
  {
    id: 'pipeline',
    title: 'Commercial pipeline',
    description:
      'Every published pipeline notice: reference, notice type, title, status, summary and full description, procurement route, CPV codes, estimated value range in whole pounds excluding VAT, contract length and extension options, regions, SME and VCSE suitability, key dates with their precision (month or day), market engagement details, the contact point, lots with Contract Package Areas, top KPIs for live contracts (name, target and latest published value), documents with their format and address, the award (suppliers with Companies House numbers, value, currency, award date and contract period), and when each notice was first published and last updated. Each notice also has its own CSV, JSON and OCDS download on its page.',
    formats: [
      { label: 'CSV', href: '/pipeline.csv' },
      { label: 'JSON', href: '/pipeline.json' },
      { label: 'OCDS JSON (Open Contracting Data Standard 1.1 release package: planning, award and contract releases)', href: '/pipeline/ocds.json' },
      { label: 'Atom feed of new and changed notices', href: '/pipeline/feed.atom' },
    ],
  },
  {
    id: 'organisations',
    title: 'Directory of organisations',
    description:
      'Every organisation in the directory: name, sector, size band, regions served, provider capabilities (using the keys of Annex B of the commissioning strategy), Merlin Standard status, website and description. Members’ names are not included.',
    formats: [
      { label: 'CSV', href: '/organisations.csv' },
      { label: 'JSON', href: '/organisations.json' },
    ],
  },
  {
    id: 'newsletters',
    title: 'Employment Category Newsletter',
    description: 'Every issue of the quarterly newsletter as it was sent: title, summary, the date it went out and its full text as HTML.',
    formats: [{ label: 'Atom feed', href: '/newsletters/feed.atom' }],
  },
  {
    id: 'survey-results',
    title: 'Supplier survey results',
    description:
      'Each published Supplier Survey results summary with the figures behind its charts: answers per option with percentages, mean ratings, net scores and ranks, over all responses. Individual answers are not published.',
    formats: [{ label: 'JSON', href: '/surveys/results.json' }],
  },
]
