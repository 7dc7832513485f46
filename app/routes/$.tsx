import { notFound } from '#app/web/guards.server.ts'

// Any unknown URL: a real 404 status with the root's accessible error page.
export async function loader() {
  notFound()
}

export default function NotFound() {
  return null
}
