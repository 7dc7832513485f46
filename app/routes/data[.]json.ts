import type { LoaderFunctionArgs } from '@remix-run/node'
import { dataCatalog } from '#app/domain/opendata/openapi.ts'
import { todayIn } from '#app/lib/time.ts'
import { appUrl, publicAnswer } from '#app/web/opendata.server.ts'

/** The DCAT-US / Project Open Data catalogue that national open-data portals harvest (ADR 026). */
export async function loader({ request }: LoaderFunctionArgs) {
  return publicAnswer(
    request,
    JSON.stringify(dataCatalog(appUrl(), todayIn()), null, 2),
    'application/json; charset=utf-8',
  )
}
