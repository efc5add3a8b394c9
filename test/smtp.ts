/**
 * A real SMTP server on loopback for tests: it receives mail, or refuses it while `failing`.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  url: string;
  messages: { to: string; raw: string }[];
  failing: boolean;
  /** SMTP connections opened to this server so far. */
  connections: number;
  close(): Promise<void>;
}

/**
 * The decoded Subject header of a raw message: folded lines joined, RFC 2047 encoded words
 * (`=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=`) decoded. Undefined when the message has no subject.
 */
export function decodedSubject(raw: string): string | undefined {
  const headers = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const line = /^Subject: (.*)$/im.exec(unfolded)?.[1];
  if (line === undefined) return undefined;
  return line
    .replace(/\?=\s+=\?/g, '?==?') // white space between encoded words is not text
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_, _charset: string, encoding: string, text: string) =>
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
                  String.fromCharCode(parseInt(hex, 16)),
                ),
              'latin1',
            ).toString('utf8'),
    );
}

export async function startTestSmtp(port = 0): Promise<TestSmtp> {
  const state: TestSmtp = {
    url: '',
    messages: [],
    failing: false,
    connections: 0,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.failing) {
          const error = new Error('Temporary failure') as Error & { responseCode: number };
          error.responseCode = 451;
          callback(error);
          return;
        }
        state.messages.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${address.port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
