// E-mail notices over SMTP (nodemailer) from the district's sender, each with a one-click unsubscribe link (RFC 8058:
// List-Unsubscribe with an https link and List-Unsubscribe-Post). Plain text only: no images, no tracking.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Channel, Notice, SendResult, Subscription } from './notice';
import { noticeText, unsubscribeWords } from './notice-text';

export interface EmailSettings {
  /** e.g. smtp://user:pass@mail.example:587 or smtps://… (GK_SMTP_URL). */
  smtpUrl: string;
  /** The sender, e.g. "Gate Kiosk <notices@district.example>" (GK_SMTP_FROM). */
  from: string;
  /** Where unsubscribe links point: the district's public origin. */
  publicOrigin: string;
}

export const unsubscribeLink = (publicOrigin: string, token: string): string =>
  `${publicOrigin.replace(/\/$/, '')}/notices/unsubscribe?t=${encodeURIComponent(token)}`;

export class EmailChannel implements Channel {
  readonly kind = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.transport = nodemailer.createTransport(settings.smtpUrl, {
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as never);
  }

  async send(notice: Notice, subscription: Subscription): Promise<SendResult> {
    const { title, body } = noticeText(notice, subscription.language);
    const link = unsubscribeLink(this.settings.publicOrigin, subscription.unsubscribeToken);
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: subscription.address,
        subject: body,
        text: `${body}\n\n${unsubscribeWords(subscription.language)}: ${link}\n`,
        headers: {
          'List-Unsubscribe': `<${link}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          'X-Gk-Title': title,
        },
      });
      return { kind: 'sent' };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx SMTP replies are permanent (a bad mailbox); everything else (4xx, a connection failure) is tried again.
      if (code !== undefined && code >= 500) return { kind: 'failed', reason: `SMTP ${code}` };
      return { kind: 'retry', reason: code !== undefined ? `SMTP ${code}` : (error as Error).message };
    }
  }

  close(): void {
    this.transport.close();
  }
}
