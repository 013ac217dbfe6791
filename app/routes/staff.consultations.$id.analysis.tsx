import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { Table } from '~/components/table'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { plural } from '~/lib/plural'
import { oneDecimal } from '~/modules/consultations/figures'
import { dashboard } from '~/modules/consultations/analysis.server'
import { BarChart } from '~/modules/consultations/bar-chart'
import { CHANNEL_LABELS } from '~/modules/consultations/channels'
import { CAMPAIGN_COUNTING_OPTIONS, campaignCountingFrom } from '~/modules/consultations/counting'
import { ReceivedResponseLinks } from '~/modules/consultations/received-pages'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { isFreeText } from '~/modules/questionnaires/themes.server'
import { staffConsultationPath } from '~/lib/paths'
import { dateWords } from '~/modules/questionnaires/questions'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Responses and analysis', data?.title) }]

const SECTOR = { private: 'Private sector', public: 'Public sector', vcse: 'Voluntary, community and social enterprise', not_recorded: 'Not on the hub' } as Record<string, string>
const SIZE = { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large', not_recorded: 'Not on the hub' } as Record<string, string>

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  // Unless asked otherwise, the page counts as the outcome report does.
  const counting = campaignCountingFrom(new URL(request.url).searchParams.get('campaigns'), consultation.outcomeCampaignCounting)
  const d = await dashboard(consultation, counting)
  return {
    id: consultation.id,
    title: consultation.title,
    counts: d.statusCounts,
    counting,
    counted: d.counted,
    campaigns: d.campaigns,
    note: d.note,
    overTime: d.overTime,
    byType: d.byType.map((r) => ({ label: r.type === 'organisation' ? 'On behalf of an organisation' : 'Individual', count: r.count })),
    byChannel: d.byChannel.map((r) => ({ label: CHANNEL_LABELS[r.channel], count: r.count })),
    bySector: d.bySector.map((r) => ({ label: SECTOR[r.sector] ?? r.sector, count: r.count })),
    bySize: d.bySize.map((r) => ({ label: SIZE[r.size] ?? r.size, count: r.count })),
    freeText: d.structure.questions.filter((q) => isFreeText(q.type)).map((q) => ({ id: q.id, label: q.label, text: q.text })),
    perQuestion: d.answersPerQuestion.map((a) => ({ id: a.question.id, label: a.question.label, text: a.question.text, count: a.count })),
    themeCharts: d.themeCharts.map((c) => ({
      id: c.question.id,
      caption: `Themes in the answers to ${c.question.label}: ${c.question.text}`,
      answered: c.answered,
      rows: c.themes.map((t) => ({ label: t.name, count: t.count })),
    })),
    measured: d.measured.map(({ question: q, figures: f, groups }) => ({
      id: q.id,
      caption: `${q.label}: ${q.text}`,
      answered: f?.answered ?? 0,
      groups,
      words: !f
        ? 'No answers yet.'
        : q.type === 'number'
          ? `Of the ${plural(f.answered, 'respondent')} who answered: mean ${oneDecimal(f.mean!)}, median ${oneDecimal(f.median!)}, lowest ${oneDecimal(Number(f.low))}, highest ${oneDecimal(Number(f.high))}.`
          : `Of the ${plural(f.answered, 'respondent')} who answered: earliest ${dateWords(f.low)}, latest ${dateWords(f.high)}.`,
    })),
    charts: d.charts.map((c) => ({
      id: c.statement ? `${c.question.id}-${c.statement.value}` : c.question.id,
      caption: c.statement ? `${c.question.label}, statement ${c.statement.number}: ${c.statement.text}` : `${c.question.label}: ${c.question.text}`,
      gridHeading: c.statement?.number === 1 ? `${c.question.label}: ${c.question.text}` : null,
      answered: c.answered,
      rows: c.counts.map((x) => ({ label: x.label, count: x.count })),
      rating: c.rating ? `Mean ${oneDecimal(c.rating.mean)}, median ${oneDecimal(c.rating.median)}, of the ${plural(c.rating.base, 'respondent')} who answered` : null,
    })),
  }
}

export default function Analysis() {
  const d = useLoaderData<typeof loader>()
  const base = staffConsultationPath(d.id)
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} />}>
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">Responses and analysis</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body">
            <span className="govuk-heading-xl govuk-!-margin-bottom-0">{d.counts.submitted ?? 0}</span> {d.counts.submitted === 1 ? 'submitted response' : 'submitted responses'}
          </p>
        </div>
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body">
            <span className="govuk-heading-xl govuk-!-margin-bottom-0">{d.counts.draft ?? 0}</span> {d.counts.draft === 1 ? 'draft in progress' : 'drafts in progress'}
          </p>
        </div>
        <div className="govuk-grid-column-one-third">
          <p className="govuk-body">
            <span className="govuk-heading-xl govuk-!-margin-bottom-0">{d.counts.withdrawn ?? 0}</span> withdrawn
          </p>
        </div>
      </div>
      <h2 className="govuk-heading-m">What the charts count</h2>
      <p className="govuk-body">{d.note}</p>
      {d.campaigns.campaigns ? (
        <Form method="get" className="govuk-!-margin-bottom-6">
          <Radios name="campaigns" legend="Count each confirmed campaign" legendSize="s" small inline options={[...CAMPAIGN_COUNTING_OPTIONS]} value={d.counting} />
          <Button variant="secondary">Update the charts</Button>
        </Form>
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/campaigns`}>
            Check for campaigns
          </Link>{' '}
          to find responses that repeat the same words, and choose whether each confirmed campaign counts once.
        </p>
      )}
      <h2 className="govuk-heading-m">Responses received outside the hub</h2>
      <ul className="govuk-list">
        <ReceivedResponseLinks base={base} />
      </ul>
      <h2 className="govuk-heading-m">Export</h2>
      <p className="govuk-body">
        One row per response and one column per question, with confidentiality flags and each free-text answer’s themes; the JSON file also lists the themes with their counts. Confidential responses
        and answers are included and marked: handle the file accordingly.
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`${base}/export.csv`} download>
            Download responses (CSV)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${base}/export.json`} download>
            Download responses (JSON)
          </a>
        </li>
      </ul>
      <h2 className="govuk-heading-m">Answers per question</h2>
      <Table
        rowKey={(r) => r.id}
        rows={d.perQuestion}
        firstCellIsHeader
        columns={[
          {
            header: 'Question',
            cell: (r) => (
              <Link className="govuk-link" to={`${base}/questions/${r.id}/answers`}>
                {r.label}
                <span className="govuk-visually-hidden">: {r.text}</span>
              </Link>
            ),
          },
          { header: 'Wording', cell: (r) => r.text },
          { header: 'Answers', cell: (r) => r.count, numeric: true },
        ]}
      />
      <h2 className="govuk-heading-m">Themes</h2>
      <p className="govuk-body">
        <Link className="govuk-link" to={`${base}/themes`}>
          Themes (the coding frame)
        </Link>
        : define themes once and tag the answers to any free-text question.
      </p>
      {d.freeText.length ? (
        <>
          <p className="govuk-body">Themes the hub suggests from the answers’ shared phrases, for you to accept, rename, merge or reject:</p>
          <ul className="govuk-list govuk-list--bullet">
            {d.freeText.map((q) => (
              <li key={q.id}>
                <Link className="govuk-link" to={`${base}/questions/${q.id}/suggestions`}>
                  Suggested themes for {q.label}
                </Link>
                : {q.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.themeCharts.map((c) => (
        <BarChart
          key={c.id}
          id={`themes-${c.id}`}
          caption={c.caption}
          labelHeader="Theme"
          countHeader="Answers"
          rows={c.rows}
          base={{ count: c.answered, of: 'answer' }}
          overlapNote="An answer can have more than one theme, so the shares add up to more than 100%."
          counting={d.note}
        />
      ))}
      <h2 className="govuk-heading-m">Who responded</h2>
      <BarChart id="by-type" caption="Responses by respondent type" rows={d.byType} labelHeader="Responding as" counting={d.note} />
      <BarChart id="by-channel" caption="Responses by how they were received" rows={d.byChannel} labelHeader="Received" counting={d.note} />
      {d.bySector.length ? <BarChart id="by-sector" caption="Organisation responses by sector" rows={d.bySector} labelHeader="Sector" counting={d.note} /> : null}
      {d.bySize.length ? <BarChart id="by-size" caption="Organisation responses by size" rows={d.bySize} labelHeader="Size" counting={d.note} /> : null}
      <BarChart id="over-time" caption="Responses submitted each day" labelHeader="Day" rows={d.overTime.map((r) => ({ label: formatDate(`${r.day}T12:00:00Z`), count: r.count }))} counting={d.note} />
      {d.measured.length ? <h2 className="govuk-heading-m">Number and date questions</h2> : null}
      {d.measured.map((m) =>
        m.groups?.rows.length ? (
          <div key={m.id}>
            <BarChart id={`q-${m.id}`} caption={m.caption} labelHeader={m.groups.unit} rows={m.groups.rows} base={{ count: m.answered, of: 'respondent' }} counting={d.note} />
            <p className="govuk-body">{m.words}</p>
          </div>
        ) : (
          <div key={m.id}>
            <h3 className="govuk-heading-s">{m.caption}</h3>
            <p className="govuk-body-s">{d.note}</p>
            <p className="govuk-body">{m.words}</p>
          </div>
        ),
      )}
      {d.charts.length ? <h2 className="govuk-heading-m">Choice and scale questions</h2> : null}
      {d.charts.map((c) => (
        <div key={c.id}>
          {c.gridHeading ? (
            <>
              <h3 className="govuk-heading-s">{c.gridHeading}</h3>
              <p className="govuk-body">A chart for each statement. Each statement’s shares are of the respondents who answered that statement.</p>
            </>
          ) : null}
          <BarChart id={`q-${c.id}`} caption={c.caption} rows={c.rows} base={{ count: c.answered, of: 'respondent' }} counting={d.note} />
          {c.rating ? <p className="govuk-body">{c.rating}</p> : null}
        </div>
      ))}
    </PageContainer>
  )
}
