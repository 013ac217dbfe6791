/**
 * Checks an OCDS release package against the rules of the OCDS 1.1 release
 * package schema (1.1.5, JSON Schema draft-04) and of the lots extension that
 * bear on the fields the hub publishes: types, required fields, lengths,
 * date-time and URI formats, the closed codelists and unique arrays. The
 * rules are written out below for those fields only, so a field the hub
 * starts to publish that they do not cover is itself reported, and the rules
 * have to be extended from the schema before the package passes again.
 * After the schema come the standard's rules it cannot express (ocid prefix,
 * release ids, parties named by id, declared extensions).
 * docs/decisions/220 lists what is and is not checked.
 */

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null'

type Rule = {
  type: JsonType[]
  format?: 'date-time' | 'uri'
  minLength?: number
  pattern?: RegExp
  enum?: ReadonlyArray<string | null>
  required?: string[]
  properties?: Record<string, Rule>
  items?: Rule
  minItems?: number
  uniqueItems?: boolean
}

/** The lots extension the hub's tender lots follow, named in the package's `extensions`. */
export const LOTS_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json'

// Closed codelists (openCodelist false in the schema, so enforced by its enums).
const RELEASE_TAGS = [
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
const TENDER_STATUS = ['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn']
const METHOD = ['open', 'selective', 'limited', 'direct']
const PROCUREMENT_CATEGORY = ['goods', 'works', 'services']
const AWARD_STATUS = ['pending', 'active', 'cancelled', 'unsuccessful']
const CONTRACT_STATUS = ['pending', 'active', 'cancelled', 'terminated']
const MILESTONE_STATUS = ['scheduled', 'met', 'notMet', 'partiallyMet']
/** The currency codelist is ISO 4217, which Node's ICU knows. */
const CURRENCY = Intl.supportedValuesOf('currency')

// Open codelists: the schema accepts any string; the hub keeps to the listed codes.
const PARTY_ROLES = ['buyer', 'procuringEntity', 'supplier', 'tenderer', 'funder', 'enquirer', 'payer', 'payee', 'reviewBody', 'interestedParty']
const MILESTONE_TYPES = ['preProcurement', 'approval', 'engagement', 'assessment', 'delivery', 'reporting', 'financing', 'payment']
const CLASSIFICATION_SCHEMES = ['CPV', 'CPVS', 'GSIN', 'UNSPSC', 'CPC', 'OKDP', 'OKPD', 'CUCOP', 'NAICS', 'PSC', 'HS']

const text: Rule = { type: ['string', 'null'] }
const dateTime: Rule = { type: ['string', 'null'], format: 'date-time' }
const uri: Rule = { type: ['string', 'null'], format: 'uri' }
const id: Rule = { type: ['string', 'integer'], minLength: 1 }
const code = (list: readonly string[]): Rule => ({ type: ['string', 'null'], enum: [...list, null] })
const object = (properties: Record<string, Rule>, required?: string[]): Rule => ({ type: ['object'], properties, required })
const array = (items: Rule, extra: Pick<Rule, 'minItems' | 'uniqueItems'> = {}): Rule => ({ type: ['array'], items, ...extra })

const value = object({ amount: { type: ['number', 'null'] }, currency: code(CURRENCY) })
const period = object({ startDate: dateTime, endDate: dateTime, maxExtentDate: dateTime, durationInDays: { type: ['integer', 'null'] } })
const identifier = object({ scheme: text, id: { type: ['string', 'integer', 'null'] }, legalName: text, uri })
const address = object({ streetAddress: text, locality: text, region: text, postalCode: text, countryName: text })
const contactPoint = object({ name: text, email: text, telephone: text, faxNumber: text, url: uri })
const organisationReference = object({ name: { type: ['string', 'null'], minLength: 1 }, id: { type: ['string', 'integer'] }, identifier, address, contactPoint })
const organisation = object({ name: text, id: { type: ['string'] }, identifier, address, contactPoint, roles: { type: ['array', 'null'], items: { type: ['string'] } } })
const document = object({ id, documentType: text, title: text, description: text, url: uri, datePublished: dateTime, dateModified: dateTime, format: text, language: text }, ['id'])
const milestone = object({ id, title: text, type: text, description: text, code: text, dueDate: dateTime, dateMet: dateTime, dateModified: dateTime, status: code(MILESTONE_STATUS) }, ['id'])
const item = object({ id, description: text, classification: object({ scheme: text, id: { type: ['string', 'integer', 'null'] }, description: text, uri }) }, ['id'])
const lot = object({ id: { type: ['string'] }, title: text, description: text, status: code(TENDER_STATUS), value, contractPeriod: period })

const release = object(
  {
    ocid: { type: ['string'], minLength: 1 },
    id: { type: ['string'], minLength: 1 },
    date: { type: ['string'], format: 'date-time' },
    tag: array({ type: ['string'], enum: RELEASE_TAGS }, { minItems: 1 }),
    initiationType: { type: ['string'], enum: ['tender'] },
    language: text,
    parties: array(organisation, { uniqueItems: true }),
    buyer: organisationReference,
    planning: object({
      rationale: text,
      budget: object({ id: { type: ['string', 'integer', 'null'] }, description: text, amount: value, project: text, projectID: { type: ['string', 'integer', 'null'] }, uri, source: uri }),
      documents: array(document),
      milestones: array(milestone),
    }),
    tender: object(
      {
        id,
        title: text,
        description: text,
        status: code(TENDER_STATUS),
        items: array(item, { uniqueItems: true }),
        value,
        minValue: value,
        procurementMethod: code(METHOD),
        procurementMethodDetails: text,
        mainProcurementCategory: code(PROCUREMENT_CATEGORY),
        contractPeriod: period,
        documents: array(document),
        milestones: array(milestone),
        lots: array(lot),
      },
      ['id'],
    ),
    awards: array(
      object(
        {
          id,
          title: text,
          description: text,
          status: code(AWARD_STATUS),
          date: dateTime,
          value,
          suppliers: array(organisationReference, { uniqueItems: true }),
          contractPeriod: period,
          documents: array(document, { uniqueItems: true }),
        },
        ['id'],
      ),
      { uniqueItems: true },
    ),
    contracts: array(
      object({ id, awardID: id, title: text, description: text, status: code(CONTRACT_STATUS), period, value, dateSigned: dateTime, documents: array(document, { uniqueItems: true }) }, [
        'id',
        'awardID',
      ]),
      { uniqueItems: true },
    ),
  },
  ['ocid', 'id', 'date', 'tag', 'initiationType'],
)

const releasePackage = object(
  {
    uri: { type: ['string'], format: 'uri' },
    version: { type: ['string'], pattern: /^(\d+\.)(\d+)$/ },
    extensions: array({ type: ['string'], format: 'uri' }),
    publishedDate: { type: ['string'], format: 'date-time' },
    releases: array(release, { minItems: 1, uniqueItems: true }),
    publisher: object({ name: { type: ['string'] }, scheme: text, uid: text, uri }, ['name']),
    license: uri,
    publicationPolicy: uri,
  },
  ['uri', 'publisher', 'publishedDate', 'releases', 'version'],
)

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value as JsonType
}

/** RFC 3339 date-time, as draft-04's format checkers read it: a real date, a time, and a zone. */
function isDateTime(s: string) {
  const m = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:?\d\d)$/.exec(s)
  if (!m) return false
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate()
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h <= 23 && mi <= 59 && se <= 60
}

/** An absolute URI (RFC 3986): a scheme, and nothing a URI cannot hold unescaped. */
function isUri(s: string) {
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(s)) return false
  try {
    new URL(s)
    return true
  } catch {
    return false
  }
}

/** JSON with its keys in order, so two equal objects read alike whatever order their keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

function check(value: unknown, rule: Rule, path: string, problems: string[]) {
  const actual = typeOf(value)
  if (!rule.type.includes(actual) && !(actual === 'integer' && rule.type.includes('number'))) {
    problems.push(`${path}: ${actual}, not ${rule.type.join(' or ')}`)
    return
  }
  if (rule.enum && !rule.enum.includes(value as string | null)) problems.push(`${path}: ${JSON.stringify(value)} is not in its codelist`)
  if (typeof value === 'string') {
    if (rule.minLength && value.length < rule.minLength) problems.push(`${path}: empty`)
    if (rule.pattern && !rule.pattern.test(value)) problems.push(`${path}: ${JSON.stringify(value)} does not match ${rule.pattern}`)
    if (rule.format === 'date-time' && !isDateTime(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a date-time`)
    if (rule.format === 'uri' && !isUri(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a URI`)
  }
  if (Array.isArray(value)) {
    if (rule.minItems && value.length < rule.minItems) problems.push(`${path}: fewer than ${rule.minItems} items`)
    if (rule.uniqueItems && new Set(value.map(canonical)).size !== value.length) problems.push(`${path}: items are not unique`)
    if (rule.items) value.forEach((v, i) => check(v, rule.items!, `${path}[${i}]`, problems))
  }
  if (actual === 'object' && rule.properties) {
    const record = value as Record<string, unknown>
    for (const key of rule.required ?? []) if (!(key in record)) problems.push(`${path}: no ${key}`)
    for (const [key, v] of Object.entries(record)) {
      const inner = rule.properties[key]
      if (inner) check(v, inner, `${path}.${key}`, problems)
      else problems.push(`${path}.${key}: not covered by these checks`)
    }
  }
}

/** The standard's rules that the schema cannot express, for what the hub publishes. */
function linkProblems(pkg: any, problems: string[]) {
  if (pkg.version !== '1.1') problems.push('version is not 1.1')
  const ids = new Set<string>()
  for (const [i, r] of (pkg.releases ?? []).entries()) {
    const at = `package.releases[${i}]`
    // An ocid starts with a registered prefix: "ocds-" and six characters.
    if (!/^ocds-[a-z0-9]{6}-./.test(r.ocid ?? '')) problems.push(`${at}.ocid: ${JSON.stringify(r.ocid)} has no ocid prefix`)
    const key = `${r.ocid} ${r.id}`
    if (ids.has(key)) problems.push(`${at}.id: ${r.id} is not unique within its ocid`)
    ids.add(key)
    const parties = new Map<string, any>()
    for (const p of r.parties ?? []) {
      if (parties.has(p.id)) problems.push(`${at}: party id ${p.id} is used twice`)
      parties.set(p.id, p)
      for (const role of p.roles ?? []) if (!PARTY_ROLES.includes(role)) problems.push(`${at}: party ${p.name} role ${role} is not in the partyRole codelist`)
      if (p.identifier && (p.identifier.scheme !== 'GB-COH' || p.id !== `GB-COH-${p.identifier.id}`)) problems.push(`${at}: party ${p.name} is not identified by its GB-COH identifier`)
    }
    const refersTo = (ref: any, role: string, what: string) => {
      const party = parties.get(ref?.id)
      if (!party?.roles?.includes(role)) problems.push(`${at}: ${what} is not a party`)
      else if (party.name !== ref.name) problems.push(`${at}: ${what} is named differently from its party`)
    }
    refersTo(r.buyer, 'buyer', 'buyer')
    for (const m of [...(r.planning?.milestones ?? []), ...(r.tender?.milestones ?? [])]) {
      if (m.type && !MILESTONE_TYPES.includes(m.type)) problems.push(`${at}: milestone ${m.id} type ${m.type} is not in the milestoneType codelist`)
    }
    for (const it of r.tender?.items ?? []) {
      if (it.classification && !CLASSIFICATION_SCHEMES.includes(it.classification.scheme)) problems.push(`${at}: item ${it.id} classification scheme ${it.classification.scheme}`)
    }
    for (const d of r.tender?.documents ?? []) if (d.format && !/^[a-z]+\/[a-z0-9.+-]+$/.test(d.format)) problems.push(`${at}: document ${d.id} format ${d.format} is not a media type`)
    if (r.tender?.lots && !(pkg.extensions ?? []).includes(LOTS_EXTENSION)) problems.push(`${at}: tender has lots but the package does not name the lots extension`)
    for (const a of r.awards ?? []) for (const s of a.suppliers ?? []) refersTo(s, 'supplier', `supplier ${s.name}`)
    for (const c of r.contracts ?? []) if (!(r.awards ?? []).some((a: any) => a.id === c.awardID)) problems.push(`${at}: contract ${c.id} names no award`)
  }
}

/** Everything wrong with a release package, one line each, or none. */
export function packageProblems(pkg: unknown): string[] {
  const problems: string[] = []
  check(pkg, releasePackage, 'package', problems)
  if (pkg && typeof pkg === 'object') linkProblems(pkg, problems)
  return problems
}
