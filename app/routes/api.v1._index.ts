import type { LoaderFunctionArgs } from '@remix-run/node'
import { datasetIndex } from '#app/web/opendata.server.ts'

/** The open-data API's list of datasets (issue 15, item 4; ADR 026). */
export async function loader({ request }: LoaderFunctionArgs) {
  return datasetIndex(request)
}
