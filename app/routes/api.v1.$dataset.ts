import type { LoaderFunctionArgs } from '@remix-run/node'
import { datasetPage } from '#app/web/opendata.server.ts'

/** One page of an open-data dataset as JSON, or CSV for `<dataset>.csv` / `?format=csv` (ADR 026). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return datasetPage(request, params.dataset ?? '')
}
