import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { parseLang } from '#app/i18n/index.ts'
import { serializeCookie } from '#app/web/cookies.server.ts'
import { readForm } from '#app/web/forms.server.ts'
import { LANG_COOKIE } from '#app/web/i18n.server.ts'
import { safeRedirect } from '#app/web/request.server.ts'

export async function loader() {
  throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request)
  const lang = parseLang(String(form.get('lang') ?? '')) ?? 'id'
  throw redirect(safeRedirect(form.get('redirectTo'), '/'), {
    headers: { 'Set-Cookie': serializeCookie(LANG_COOKIE, lang, { maxAge: 365 * 24 * 3600, httpOnly: false }) },
  })
}
