/**
 * Asterisk's Manager Interface (AMI) adapter (issue 20, item 2; ADR 040).
 *
 * AMI is a line protocol over TCP (docs.asterisk.org, "AMI v2 Specification"): the server greets
 * with one line `Asterisk Call Manager/<version>`; then messages are `Key: Value` lines ended by an
 * empty line (CRLF CRLF). We log in (`Action: Login`, `Username`, `Secret`, `Events: call`) and
 * follow four call events (field names from the Asterisk 16–21 "AMI Events" pages):
 *
 * - `Newchannel` of a call's first channel (`Uniqueid` = `Linkedid`): the caller (`CallerIDNum`)
 *   and the number dialled (`Exten`: our line);
 * - `DialBegin`: the operator's phone rings — `DestChannel` (`PJSIP/201-0000002a`) gives the
 *   extension, `DestUniqueid` the operator's channel → our `ringing`;
 * - `BridgeEnter` of the operator's channel → `answered`;
 * - `Hangup` of the first channel → `ended` (an unanswered call folds into `missed`);
 * - `BlindTransfer` (`Extension`) → `transferred`.
 *
 * The call id is `Linkedid` (the Uniqueid of the oldest channel of the call). Event times come from
 * the `Timestamp` field when `timestampevents=yes` in manager.conf, else the time of reception.
 * A small own parser: no AMI client on npm both maintained and typed for Node 20 (ADR 040).
 * Several app processes may each follow the same AMI: the events are idempotent (same content →
 * same key), so the call is recorded once.
 */
import { Socket } from 'node:net';
import type { CallEventInput } from '../../contract/telephony.schemas.js';

export type AmiMessage = Record<string, string>;

/**
 * Split AMI text into messages. Keeps what is left after the last complete message in `rest`.
 * Keys keep their case; a repeated key keeps the first value.
 */
export function parseAmi(buffer: string): { messages: AmiMessage[]; rest: string } {
  const messages: AmiMessage[] = [];
  let rest = buffer.replace(/\r\n/g, '\n');
  let end = rest.indexOf('\n\n');
  while (end !== -1) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const message: AmiMessage = {};
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const key = line.slice(0, colon).trim();
      if (!(key in message)) message[key] = line.slice(colon + 1).trim();
    }
    if (Object.keys(message).length > 0) messages.push(message);
    end = rest.indexOf('\n\n');
  }
  return { messages, rest };
}

/** The extension in a channel name: `PJSIP/201-0000002a` → `201`, `SIP/305-01` → `305`. */
export function extensionOfChannel(channel: string | undefined): string | null {
  const match = /^[A-Za-z0-9]+\/(\d{2,8})(?:-[0-9a-f]+)?(?:;\d)?$/i.exec(channel ?? '');
  return match?.[1] ?? null;
}

const known = (v: string | undefined): string | undefined =>
  v && v !== '<unknown>' && v !== 's' ? v : undefined;

/**
 * Turns AMI events into our call events. It keeps, per call, what later events do not repeat (the
 * line, the caller, which channel is whose extension) — the state of one AMI connection's stream,
 * rebuilt by the events themselves after a reconnect.
 */
export class AmiCallTranslator {
  private readonly calls = new Map<
    string,
    { caller?: string; line?: string; channels: Map<string, string> }
  >();

  constructor(private readonly now: () => Date) {}

  translate(m: AmiMessage): CallEventInput[] {
    const linkedid = m.Linkedid;
    if (!m.Event || !linkedid) return [];
    const at = m.Timestamp
      ? new Date(Number(m.Timestamp) * 1000).toISOString()
      : this.now().toISOString();
    let call = this.calls.get(linkedid);
    if (!call) {
      call = { channels: new Map() };
      this.calls.set(linkedid, call);
    }
    switch (m.Event) {
      case 'Newchannel':
        if (m.Uniqueid === linkedid) {
          call.caller = known(m.CallerIDNum) ?? call.caller;
          call.line = known(m.Exten) ?? call.line;
        }
        return [];
      case 'DialBegin': {
        const extension =
          extensionOfChannel(m.DestChannel) ?? known(m.DestCallerIDNum) ?? undefined;
        if (!extension) return [];
        if (m.DestUniqueid) call.channels.set(m.DestUniqueid, extension);
        const caller = call.caller ?? known(m.CallerIDNum);
        const line = call.line ?? known(m.Exten);
        return [
          {
            callId: linkedid,
            event: 'ringing',
            at,
            extension,
            ...(caller ? { callerNumber: caller } : {}),
            ...(line ? { line } : {}),
          },
        ];
      }
      case 'BridgeEnter': {
        const extension = m.Uniqueid ? call.channels.get(m.Uniqueid) : undefined;
        return extension ? [{ callId: linkedid, event: 'answered', at, extension }] : [];
      }
      case 'BlindTransfer': {
        const extension = known(m.Extension);
        return extension ? [{ callId: linkedid, event: 'transferred', at, extension }] : [];
      }
      case 'Hangup':
        if (m.Uniqueid !== linkedid) return [];
        this.calls.delete(linkedid);
        return [{ callId: linkedid, event: 'ended', at }];
      default:
        return [];
    }
  }
}

export interface AmiOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  now: () => Date;
  /** Receives each call event (in order); a rejection is reported to `onError`, never thrown. */
  onEvent: (event: CallEventInput) => Promise<void>;
  onError?: (error: unknown) => void;
  /** Delay before reconnecting after the connection drops, ms (default 2000; 0 = do not). */
  reconnectMs?: number;
}

/**
 * Follow an Asterisk's AMI: connect, log in, translate call events, reconnect when dropped.
 * `stop()` closes the connection for good; `loggedIn` resolves after the first successful login.
 */
export function followAsterisk(options: AmiOptions): { stop(): void; loggedIn: Promise<void> } {
  let stopped = false;
  let socket: Socket | null = null;
  let resolveLogin!: () => void;
  const loggedIn = new Promise<void>((resolve) => (resolveLogin = resolve));
  const report = options.onError ?? (() => undefined);

  const connect = () => {
    const translator = new AmiCallTranslator(options.now);
    let buffer = '';
    let greeted = false;
    let chain = Promise.resolve();
    socket = new Socket();
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (!greeted) {
        const eol = buffer.indexOf('\n');
        if (eol === -1) return;
        greeted = true;
        buffer = buffer.slice(eol + 1);
        socket?.write(
          `Action: Login\r\nActionID: kontakt-login\r\nUsername: ${options.username}\r\nSecret: ${options.secret}\r\nEvents: call\r\n\r\n`,
        );
      }
      const { messages, rest } = parseAmi(buffer);
      buffer = rest;
      for (const m of messages) {
        if (m.ActionID === 'kontakt-login') {
          if (m.Response === 'Success') resolveLogin();
          else report(new Error(`AMI login refused: ${m.Message ?? 'no reason'}`));
          continue;
        }
        for (const event of translator.translate(m)) {
          chain = chain.then(() => options.onEvent(event)).catch(report);
        }
      }
    });
    socket.on('error', report);
    socket.on('close', () => {
      const delay = options.reconnectMs ?? 2000;
      if (!stopped && delay > 0) setTimeout(() => !stopped && connect(), delay).unref();
    });
    socket.connect(options.port, options.host);
  };
  connect();
  return {
    stop() {
      stopped = true;
      socket?.destroy();
    },
    loggedIn,
  };
}
