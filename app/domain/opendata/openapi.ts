import { DATASETS, DEFAULT_LIMIT, MAX_LIMIT, type Dataset, type FieldSpec } from './datasets.ts'

/** The open-data licence: Creative Commons Attribution 4.0 International. */
export const LICENCE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const
export const PUBLISHER = 'Direktorat Jenderal Pemasyarakatan (Ditjenpas), Kementerian Imigrasi dan Pemasyarakatan'
/** Seconds a client or proxy may keep an answer before asking again (with If-None-Match). */
export const API_MAX_AGE = 300

function fieldSchema(field: FieldSpec) {
  const type = field.nullable ? [field.type, 'null'] : field.type
  return {
    type,
    description: field.text.en,
    ...(field.format === 'date' ? { format: 'date' } : field.format === 'uri' ? { format: 'uri' } : {}),
    ...(field.enum ? { enum: field.nullable ? [...field.enum, null] : [...field.enum] } : {}),
  }
}

/** The JSON Schema (2020-12) of one row of a dataset: exactly its fields, nothing more. */
export function rowSchema(dataset: Dataset) {
  return {
    type: 'object',
    additionalProperties: false,
    required: dataset.fields.map((f) => f.name),
    properties: Object.fromEntries(dataset.fields.map((f) => [f.name, fieldSchema(f)])),
  }
}

const name = (d: Dataset) =>
  d.name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase())

/** OpenAPI 3.1 description of /api/v1, made from the dataset list (the endpoints send exactly this). */
export function openApiDocument(appUrl: string) {
  const paging = [
    {
      name: 'limit',
      in: 'query',
      required: false,
      description: `Rows per page, 1–${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`,
      schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT },
    },
    {
      name: 'cursor',
      in: 'query',
      required: false,
      description: 'Opaque cursor from the `next` link of the previous page (same filters).',
      schema: { type: 'string' },
    },
    {
      name: 'format',
      in: 'query',
      required: false,
      description: 'json (default) or csv; `<dataset>.csv` is the same as `format=csv`.',
      schema: { type: 'string', enum: ['json', 'csv'] },
    },
  ]
  const problem = {
    description: 'Problem details (RFC 9457)',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  }
  const common = {
    '304': { description: 'Not modified (If-None-Match matched the ETag)' },
    '400': { ...problem, description: 'A bad parameter: `invalid_params` names it and says why' },
    '429': {
      ...problem,
      description: 'Too many requests from this address: wait `Retry-After` seconds',
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
    },
  }
  const headers = {
    ETag: { schema: { type: 'string' } },
    'Cache-Control': { schema: { type: 'string' } },
    Link: { description: 'rel="next" when there is a next page', schema: { type: 'string' } },
  }
  const paths: Record<string, unknown> = {
    '/': {
      get: {
        operationId: 'listDatasets',
        summary: 'The datasets of this API',
        responses: {
          '200': {
            description: 'Dataset list',
            headers,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/DatasetList' } } },
          },
          '304': common['304'],
          '429': common['429'],
        },
      },
    },
  }
  const schemas: Record<string, unknown> = {
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        invalid_params: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'reason'],
            properties: { name: { type: 'string' }, reason: { type: 'string' } },
            additionalProperties: false,
          },
        },
      },
    },
    DatasetList: {
      type: 'object',
      required: ['datasets', 'licence', 'openapi', 'catalog'],
      additionalProperties: false,
      properties: {
        licence: { type: 'string', format: 'uri' },
        openapi: { type: 'string', format: 'uri' },
        catalog: { type: 'string', format: 'uri' },
        datasets: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'title', 'description', 'url', 'csv'],
            properties: {
              name: { type: 'string' },
              title: { type: 'string' },
              description: { type: 'string' },
              url: { type: 'string', format: 'uri' },
              csv: { type: 'string', format: 'uri' },
            },
          },
        },
      },
    },
  }
  for (const d of DATASETS) {
    const params = [
      ...d.params.map((p) => ({
        name: p.name,
        in: 'query',
        required: false,
        description: p.text.en,
        schema:
          p.type === 'integer'
            ? { type: 'integer', minimum: p.minimum, maximum: p.maximum }
            : p.enum
              ? { type: 'string', enum: [...p.enum] }
              : { type: 'string' },
      })),
      ...paging,
    ]
    schemas[`${name(d)}Row`] = rowSchema(d)
    schemas[`${name(d)}Page`] = {
      type: 'object',
      additionalProperties: false,
      required: ['dataset', 'licence', 'data', 'next'],
      properties: {
        dataset: { const: d.name },
        licence: { type: 'string', format: 'uri' },
        data: { type: 'array', maxItems: MAX_LIMIT, items: { $ref: `#/components/schemas/${name(d)}Row` } },
        next: { type: ['string', 'null'], format: 'uri' },
      },
    }
    const ok = (content: Record<string, unknown>) => ({
      '200': { description: d.title.en, headers, content },
      ...common,
    })
    paths[`/${d.name}`] = {
      get: {
        operationId: `get${name(d)}`,
        summary: d.title.en,
        description: d.description.en,
        parameters: params,
        responses: ok({
          'application/json': { schema: { $ref: `#/components/schemas/${name(d)}Page` } },
          'text/csv': { schema: { type: 'string' } },
        }),
      },
    }
    paths[`/${d.name}.csv`] = {
      get: {
        operationId: `get${name(d)}Csv`,
        summary: `${d.title.en} (CSV)`,
        description: `RFC 4180 CSV with a header row: ${d.fields.map((f) => f.name).join(', ')}.`,
        parameters: params.filter((p) => p.name !== 'format'),
        responses: ok({ 'text/csv': { schema: { type: 'string' } } }),
      },
    }
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Mitra Lipas open data',
      version: '1.0.0',
      summary: 'Read-only open data of the Pokmas Lipas partnership portal (Ditjenpas)',
      description:
        'Counts and aggregates only: no personal data. Every dataset is also CSV. Pages follow the `next` link; answers carry an ETag (send If-None-Match) and may be cached for ' +
        `${API_MAX_AGE} seconds. Requests are limited per IP address (429 with Retry-After). Errors are application/problem+json.`,
      license: { name: LICENCE.name, url: LICENCE.url },
      contact: { name: 'Ditjenpas', url: `${appUrl}/data` },
    },
    servers: [{ url: `${appUrl}/api/v1` }],
    paths,
    components: { schemas },
  }
}

/**
 * The Project Open Data / DCAT-US 1.1 catalogue (`/data.json`) that national portals (Satu Data
 * Indonesia) harvest: one entry per dataset with its JSON, CSV and API distributions.
 */
export function dataCatalog(appUrl: string, modified: string) {
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset: DATASETS.map((d) => ({
      '@type': 'dcat:Dataset',
      identifier: `${appUrl}/api/v1/${d.name}`,
      title: `${d.title.id} (${d.title.en})`,
      description: `${d.description.id}\n\n${d.description.en}`,
      keyword: d.keywords,
      modified,
      publisher: { '@type': 'org:Organization', name: PUBLISHER },
      contactPoint: { '@type': 'vcard:Contact', fn: 'Ditjenpas, Mitra Lipas', hasURL: `${appUrl}/data` },
      accessLevel: 'public',
      license: LICENCE.url,
      rights: 'CC BY 4.0: sebutkan sumber "Ditjenpas, Mitra Lipas" / attribute "Ditjenpas, Mitra Lipas"',
      spatial: 'Indonesia',
      accrualPeriodicity: d.accrualPeriodicity,
      language: ['id', 'en'],
      landingPage: `${appUrl}/data#${d.name}`,
      describedBy: `${appUrl}/api/v1/openapi.json`,
      describedByType: 'application/vnd.oai.openapi+json',
      distribution: [
        {
          '@type': 'dcat:Distribution',
          title: 'JSON',
          mediaType: 'application/json',
          format: 'JSON',
          downloadURL: `${appUrl}/api/v1/${d.name}?limit=${MAX_LIMIT}`,
        },
        {
          '@type': 'dcat:Distribution',
          title: 'CSV',
          mediaType: 'text/csv',
          format: 'CSV',
          downloadURL: `${appUrl}/api/v1/${d.name}.csv?limit=${MAX_LIMIT}`,
        },
        {
          '@type': 'dcat:Distribution',
          title: 'API',
          format: 'API',
          accessURL: `${appUrl}/api/v1/${d.name}`,
          conformsTo: `${appUrl}/api/v1/openapi.json`,
        },
      ],
    })),
  }
}
