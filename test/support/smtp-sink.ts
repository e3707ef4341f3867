// A local SMTP server (smtp-server) that keeps every message it accepts, decoded enough for tests to read: headers
// (unfolded, RFC 2047 words decoded) and the text body (quoted-printable or base64 undone). It can refuse for a while.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { EmailChannel } from '../../server/notices/email-channel';
import type { ConfirmationMailer } from '../../server/notices/subscriptions';

export interface SunkMail {
  to: string[];
  headers: Map<string, string>;
  text: string;
  receivedAtMs: number;
}

function decodeWords(value: string): string {
  // White space between two encoded words is not part of the text (RFC 2047, section 6.2).
  return value.replace(/(\?=)\s+(?==\?utf-8\?)/gi, '$1').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

export function parseMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') {
    body = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  } else if (encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
  else body = Buffer.from(body, 'latin1').toString('utf8');
  return { headers, text: body.replace(/\r\n/g, '\n') };
}

export class SmtpSink {
  readonly mails: SunkMail[] = [];
  /** Messages to refuse (451) before accepting again. */
  refuseNext = 0;
  onMail: ((mail: SunkMail) => void) | null = null;
  port = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (this.refuseNext > 0) {
          this.refuseNext--;
          const error = new Error('try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        const { headers, text } = parseMail(Buffer.concat(chunks).toString('latin1'));
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), headers, text, receivedAtMs: Date.now() };
        this.mails.push(mail);
        this.onMail?.(mail);
        callback();
      });
    },
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The district's confirmation mailer (its real e-mail channel) sending to this sink once it has started; links point to `publicOrigin`. */
  mailer(publicOrigin: string | (() => string) = 'http://127.0.0.1'): ConfirmationMailer {
    let channel: EmailChannel | null = null;
    return {
      sendConfirmation: (address, token, language) => {
        channel ??= new EmailChannel({
          smtpUrl: this.url,
          from: 'Gate Kiosk <notices@district.test>',
          publicOrigin: typeof publicOrigin === 'string' ? publicOrigin : publicOrigin(),
        });
        return channel.sendConfirmation(address, token, language);
      },
    };
  }

  /** The confirmation link in the last confirmation e-mail to `address`, if one came. */
  confirmLink(address: string): string | undefined {
    const mail = this.mails.filter((m) => m.to.includes(address) && /\/notices\/confirm\?t=/.test(m.text)).at(-1);
    return mail === undefined ? undefined : /(https?:\/\/\S+\/notices\/confirm\?t=[A-Za-z0-9_%-]+)/.exec(mail.text)?.[1];
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
