const TAGS = [
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
  'compiled',
]

/** OCDS 1.1's partyRole codelist. */
const PARTY_ROLES = ['buyer', 'procuringEntity', 'supplier', 'tenderer', 'funder', 'enquirer', 'payer', 'payee', 'reviewBody', 'interestedParty']

/**
 * What the OCDS 1.1 release package schema requires of what we publish,
 * and the links between sections it cannot express: every award supplier
 * and the buyer are parties, every contract names its award. The schema
 * itself is checked against these packages as docs/decisions/220 says.
 */
export function packageProblems(pkg: any): string[] {
  const problems: string[] = []
  for (const key of ['uri', 'publisher', 'publishedDate', 'releases', 'version']) if (pkg[key] === undefined) problems.push(`package has no ${key}`)
  if (pkg.version !== '1.1') problems.push('version is not 1.1')
  for (const r of pkg.releases ?? []) {
    for (const key of ['ocid', 'id', 'date', 'tag', 'initiationType']) if (r[key] === undefined) problems.push(`${r.id}: no ${key}`)
    if (!Array.isArray(r.tag) || !r.tag.length || r.tag.some((t: string) => !TAGS.includes(t))) problems.push(`${r.id}: tag ${JSON.stringify(r.tag)}`)
    if (Number.isNaN(Date.parse(r.date))) problems.push(`${r.id}: date`)
    for (const p of r.parties ?? []) if (!p.id || p.roles?.some((role: string) => !PARTY_ROLES.includes(role))) problems.push(`${r.id}: party ${p.name} roles ${JSON.stringify(p.roles)}`)
    const parties = new Map((r.parties ?? []).map((p: any) => [p.id, p]))
    if (!(parties.get(r.buyer?.id) as any)?.roles?.includes('buyer')) problems.push(`${r.id}: buyer is not a party`)
    for (const a of r.awards ?? []) {
      if (!a.id) problems.push(`${r.id}: award without id`)
      for (const s of a.suppliers ?? []) if (!(parties.get(s.id) as any)?.roles?.includes('supplier')) problems.push(`${r.id}: supplier ${s.name} is not a party`)
      if (typeof a.value?.amount !== 'number' || !/^[A-Z]{3}$/.test(a.value?.currency)) problems.push(`${r.id}: award value`)
      if (a.status !== undefined && !['pending', 'active', 'cancelled', 'unsuccessful'].includes(a.status)) problems.push(`${r.id}: award status ${a.status}`)
    }
    for (const c of r.contracts ?? []) {
      if (!(r.awards ?? []).some((a: any) => a.id === c.awardID)) problems.push(`${r.id}: contract ${c.id} names no award`)
      if (c.status !== undefined && !['pending', 'active', 'cancelled', 'terminated'].includes(c.status)) problems.push(`${r.id}: contract status ${c.status}`)
    }
    for (const m of r.planning?.milestones ?? []) if (!['scheduled', 'met', 'notMet', 'partiallyMet'].includes(m.status)) problems.push(`${r.id}: milestone status ${m.status}`)
  }
  return problems
}
