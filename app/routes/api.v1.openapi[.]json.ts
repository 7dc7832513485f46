import type { LoaderFunctionArgs } from '@remix-run/node'
import { openApiDocument } from '#app/domain/opendata/openapi.ts'
import { apiRateLimit, appUrl, publicAnswer } from '#app/web/opendata.server.ts'

/** The OpenAPI 3.1 description of /api/v1, made from the same dataset list the endpoints use. */
export async function loader({ request }: LoaderFunctionArgs) {
  const limited = await apiRateLimit(request)
  if (limited) return limited
  return publicAnswer(
    request,
    JSON.stringify(openApiDocument(appUrl()), null, 2),
    'application/vnd.oai.openapi+json; charset=utf-8',
  )
}
