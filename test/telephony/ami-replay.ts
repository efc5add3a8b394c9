/**
 * A stand-in Asterisk for tests: a TCP server that replays a recorded AMI session step by step.
 */
import { readFileSync } from 'node:fs';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';

/** The session file's steps: `=== name` headers, `#` comments dropped, CRLF line ends. */
export function readAmiSession(path: string): Map<string, string> {
  const steps = new Map<string, string>();
  let name = '';
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    const header = /^=== (\S+)/.exec(line);
    if (header) {
      name = header[1]!;
      steps.set(name, '');
      continue;
    }
    if (name) steps.set(name, `${steps.get(name)}${line}\r\n`);
  }
  return steps;
}

export interface AmiStandIn {
  port: number;
  /** The login the client sent (Username, Secret). */
  login: Promise<Record<string, string>>;
  send(step: string): void;
  close(): Promise<void>;
}

/** Start the stand-in; it greets, waits for `Action: Login`, answers with the `login` step. */
export async function startAmiStandIn(steps: Map<string, string>): Promise<AmiStandIn> {
  let client: Socket | null = null;
  let resolveLogin!: (v: Record<string, string>) => void;
  const login = new Promise<Record<string, string>>((r) => (resolveLogin = r));
  const server: Server = createServer((socket) => {
    client = socket;
    socket.setEncoding('utf8');
    socket.write(steps.get('greeting')!);
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const fields = Object.fromEntries(
        buffer
          .slice(0, end)
          .split('\r\n')
          .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
      );
      buffer = buffer.slice(end + 4);
      if (fields.Action === 'Login') {
        socket.write(steps.get('login')!);
        resolveLogin(fields);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    login,
    send(step) {
      const text = steps.get(step);
      if (!client || text === undefined) throw new Error(`cannot send step ${step}`);
      client.write(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        client?.destroy();
        server.close(() => resolve());
      }),
  };
}
