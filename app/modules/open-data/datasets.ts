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
    id: 'organisations',
    title: 'Directory of organisations',
    description:
      'Every organisation in the directory: name, sector, size band, regions served, provider capabilities (using the keys of Annex B of the commissioning strategy), Merlin Standard status, website and description. Members’ names are not included.',
    formats: [
      { label: 'CSV', href: '/organisations.csv' },
      { label: 'JSON', href: '/organisations.json' },
    ],
  },
]
