import http from 'node:http'
import { getResponse } from 'msw'
import { freePort } from '#tests/free-port.ts'
import { MOCK_S3_ENDPOINT, MOCK_S3_ENV, s3Handlers } from '#tests/mocks/s3.ts'

/**
 * The S3 mock of tests/mocks/s3.ts served over real HTTP on a loopback port, so that several
 * built servers (separate processes) share one bucket, as app instances share a real one. The
 * bucket lives in this (the test) process: `s3Mock` shows what the instances stored.
 */
export async function startS3Endpoint() {
  const port = await freePort()
  const endpoint = `http://127.0.0.1:${port}`
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
      const method = req.method ?? 'GET'
      // The handlers answer the mock's own origin: same path and query, same signed headers.
      const request = new Request(`${MOCK_S3_ENDPOINT}${req.url ?? '/'}`, {
        method,
        headers,
        body: ['GET', 'HEAD'].includes(method) ? undefined : Buffer.concat(chunks),
      })
      const answer = await getResponse(s3Handlers, request)
      if (!answer) {
        res.writeHead(501).end()
        return
      }
      const body = Buffer.from(await answer.arrayBuffer())
      res.writeHead(answer.status, Object.fromEntries(answer.headers))
      res.end(method === 'HEAD' ? undefined : body)
    } catch (error) {
      res.writeHead(500).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    endpoint,
    /** Environment of an app instance (or of the seed) that stores its uploads in this bucket. */
    env: { ...MOCK_S3_ENV, S3_ENDPOINT: endpoint, S3_FORCE_PATH_STYLE: 'true' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
