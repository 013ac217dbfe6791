import { isRouteErrorResponse, UNSAFE_RemixContext, useLocation } from '@remix-run/react'
import { useContext } from 'react'
import { UNSAFE_DataRouterStateContext } from 'react-router-dom'

export const SERVICE_NAME = 'Commissioning Hub'

/** For pages that give no description of their own (forms, steps in a journey). */
export const DEFAULT_DESCRIPTION = 'The Commissioning Hub of the DWP Employment Category: consultations, the commercial pipeline, What Works case studies, newsletters and supplier surveys.'

export function pageTitle(...parts: Array<string | undefined | null>) {
  return [...parts.filter(Boolean), SERVICE_NAME].join(' – ')
}

type MetaDescriptor = { title?: string; name?: string; content?: string; property?: string }

function hasErrors(actionData: unknown): boolean {
  const errors = (actionData as { errors?: Record<string, unknown> } | undefined)?.errors
  return Boolean(errors && Object.keys(errors).length)
}

/**
 * The document head's title and meta tags from the deepest route's `meta`.
 * Remix's own <Meta> does not see action data, and GOV.UK asks for "Error: "
 * before the title of a page showing validation errors, so this reads the
 * router state directly.
 */
export function AppMeta() {
  const remix = useContext(UNSAFE_RemixContext)
  const state = useContext(UNSAFE_DataRouterStateContext)
  const location = useLocation()
  if (!state) return null
  const { matches: routerMatches, loaderData, actionData, errors } = state
  let descriptors: MetaDescriptor[] = []
  const matches: Array<Record<string, unknown>> = []
  let error: unknown = null
  if (errors) error = Object.values(errors)[0] ?? null
  for (const match of routerMatches) {
    const id = match.route.id
    const data = loaderData[id]
    const entry = { id, data, params: match.params, pathname: match.pathname, handle: match.route.handle, error, meta: [] as MetaDescriptor[] }
    matches.push(entry)
    if (errors?.[id]) break
    const module = remix?.routeModules[id] as { meta?: (args: unknown) => MetaDescriptor[] } | undefined
    if (typeof module?.meta === 'function') {
      entry.meta = module.meta({ data, params: match.params, location, matches, error }) ?? []
      descriptors = entry.meta
    }
  }
  const errored = Object.values(actionData ?? {}).some(hasErrors)
  const title = error ? pageTitle(errorTitle(error)) : (descriptors.find((d) => d.title)?.title ?? SERVICE_NAME)
  if (!descriptors.some((d) => d.name === 'description' && d.content)) {
    descriptors = [...descriptors.filter((d) => d.name !== 'description'), { name: 'description', content: DEFAULT_DESCRIPTION }]
  }
  return (
    <>
      <title>{errored ? `Error: ${title}` : title}</title>
      {descriptors
        .filter((d) => !d.title)
        .map((d, i) => (
          <meta key={i} name={d.name} property={d.property} content={d.content} />
        ))}
    </>
  )
}

export function errorTitle(error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500
  if (status === 404) return 'Page not found'
  if (status === 403) return 'You do not have permission to see this page'
  if (status === 413) return 'What you sent was too large'
  if (status === 503) return 'Sorry, the service is unavailable'
  return 'Sorry, there is a problem with the service'
}
