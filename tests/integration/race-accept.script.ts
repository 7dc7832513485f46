/**
 * One contender in the acceptance race (tests/integration/agreements-race.test.ts): opens its own
 * connection to the same database file, waits for the common start time, accepts a proposal and
 * prints WON or the refusal code.
 */
import { acceptProposal } from '#app/domain/agreements/lifecycle.ts'
import { DomainError } from '#app/domain/errors.ts'
import { createDb } from '#db/client.ts'

const [file, proposalId, userId, goAt] = process.argv.slice(2)
const { db } = createDb(file)
while (Date.now() < Number(goAt)) await new Promise((r) => setTimeout(r, 1))
try {
  await acceptProposal(
    db,
    proposalId!,
    'upt',
    { terms: 'Pelatihan tenun 40 jam di bengkel Lapas.', startDate: '2026-12-01', endDate: '2027-03-01' },
    { userId: userId! },
    '2026-11-28',
  )
  console.log('WON')
} catch (error) {
  console.log(error instanceof DomainError ? error.code : `ERROR ${String(error)}`)
} finally {
  await db.destroy()
}
