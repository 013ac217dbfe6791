import { Breadcrumbs } from '~/components/misc'
import { staffConsultationPath, type StaffConsultationPage } from '~/lib/paths'

/**
 * The trail above every staff page of one consultation: the dashboard, the
 * list, the consultation, and the page this one sits under when there is one.
 */
export function StaffConsultationBreadcrumbs({ id, title, under }: { id?: string; title?: string; under?: { page: StaffConsultationPage; text: string } }) {
  const items = [
    { href: '/staff', text: 'Staff dashboard' },
    { href: '/staff/consultations', text: 'Consultations' },
  ]
  if (id && title) items.push({ href: staffConsultationPath(id), text: title })
  if (id && under) items.push({ href: staffConsultationPath(id, under.page), text: under.text })
  return <Breadcrumbs items={items} />
}
