import { parseWithZod } from '@conform-to/zod/v4'
import { redirect } from '@remix-run/node'
import { z } from 'zod'
import { type Side, acceptProposal, declineProposal, withdrawProposal } from '#app/domain/agreements/lifecycle.ts'
import type { getProposal } from '#app/domain/agreements/queries.ts'
import { AcceptSchema, DeclineSchema, WithdrawSchema } from '#app/domain/agreements/schemas.ts'
import { notifySides } from '#app/web/agreements.server.ts'
import { getDb } from '#app/web/db.server.ts'
import { flashCookie } from '#app/web/flash.server.ts'
import { replyWithDomainError } from '#app/web/forms.server.ts'
import { clientIp } from '#app/web/request.server.ts'

/**
 * The intents of a proposal's page (/proposals/<id>), one handler each; the route guards, parses
 * and dispatches. Each answers with a redirect and a flash message, or the form's errors (400).
 */

const ProposalActionSchema = z.discriminatedUnion('intent', [AcceptSchema, DeclineSchema, WithdrawSchema])

export function parseProposalForm(formData: FormData) {
  return parseWithZod(formData, { schema: ProposalActionSchema })
}

/** What every intent acts on: the proposal, the side the user acts for, and the parsed form. */
export interface ProposalIntent {
  request: Request
  userId: string
  p: NonNullable<Awaited<ReturnType<typeof getProposal>>>
  side: Side
  submission: ReturnType<typeof parseProposalForm>
}

async function answering(intent: ProposalIntent, work: (actor: { userId: string; ip: string }) => Promise<never>) {
  try {
    return await work({ userId: intent.userId, ip: clientIp(intent.request) })
  } catch (error) {
    if (error instanceof Response) throw error
    return replyWithDomainError(intent.submission, error)
  }
}

/** The other side accepts: the agreement starts and both sides are emailed. */
export function accept(intent: ProposalIntent, v: z.infer<typeof AcceptSchema>) {
  const { p, side } = intent
  return answering(intent, async (actor) => {
    const db = getDb()
    const a = await acceptProposal(db, p.id, side, v, actor)
    await notifySides(db, { partnerId: p.partner_id, uptId: p.upt_id }, ['partner', 'upt'], {
      subject: 'agreement.emailSubject',
      body: 'agreement.emailBody',
      params: { number: a.number, title: p.offer_title },
      statusKey: 'agreement.status.active',
      path: `/agreements/${a.id}`,
    })
    throw redirect(`/agreements/${a.id}`, {
      headers: { 'Set-Cookie': flashCookie('agreement.created', { number: a.number }) },
    })
  })
}

/** The other side declines with a reason; the proposing side is emailed. */
export function decline(intent: ProposalIntent, v: z.infer<typeof DeclineSchema>) {
  const { p, side } = intent
  return answering(intent, async (actor) => {
    const db = getDb()
    await declineProposal(db, p.id, side, v.reason, actor)
    await notifySides(db, { partnerId: p.partner_id, uptId: p.upt_id }, [p.proposed_by_side], {
      subject: 'proposal.declinedEmailSubject',
      body: 'proposal.declinedEmailBody',
      params: { title: p.offer_title, reason: v.reason },
      path: `/proposals/${p.id}`,
    })
    throw redirect(`/proposals/${p.id}`, { headers: { 'Set-Cookie': flashCookie('proposal.declined') } })
  })
}

/** The proposing side withdraws it. */
export function withdraw(intent: ProposalIntent) {
  const { p, side } = intent
  return answering(intent, async (actor) => {
    await withdrawProposal(getDb(), p.id, side, actor)
    throw redirect(`/proposals/${p.id}`, { headers: { 'Set-Cookie': flashCookie('proposal.withdrawn') } })
  })
}
