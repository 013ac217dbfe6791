/**
 * A route opts in to being shared with everyone by exporting
 * `handle = publicPage`. Only pages that show a signed-out visitor nothing
 * but published content may do so; whatever the route says, a request with
 * any cookie or credentials, a response that sets a cookie or is not a 200,
 * and a page rendered for a signed-in person stay private
 * (setDocumentCaching in http-cache.server.ts).
 */
export const publicPage = { cache: 'public' } as const
