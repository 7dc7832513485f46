import net from 'node:net'

/**
 * A minimal SMTP server for tests: speaks just enough of RFC 5321 for nodemailer, records each
 * message, and can refuse mail (451) to test retries.
 */
export async function startSmtpStub() {
  const state = { refuse: false, messages: [] as string[] }
  const server = net.createServer((socket) => {
    let data = false
    let buffer = ''
    let body = ''
    socket.write('220 stub ESMTP\r\n')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8')
      let i: number
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        if (data) {
          if (line === '.') {
            data = false
            state.messages.push(body)
            body = ''
            socket.write('250 queued\r\n')
          } else body += `${line}\n`
          continue
        }
        const cmd = line.slice(0, 4).toUpperCase()
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 stub\r\n')
        else if (cmd === 'MAIL') socket.write(state.refuse ? '451 try again later\r\n' : '250 ok\r\n')
        else if (cmd === 'RCPT') socket.write('250 ok\r\n')
        else if (cmd === 'DATA') {
          data = true
          socket.write('354 go ahead\r\n')
        } else if (cmd === 'QUIT') {
          socket.end('221 bye\r\n')
        } else socket.write('250 ok\r\n')
      }
    })
    socket.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    state,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
