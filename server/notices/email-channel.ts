// E-mail notices over SMTP (nodemailer) from the district's sender, each with a one-click unsubscribe link (RFC 8058:
// List-Unsubscribe with an https link and List-Unsubscribe-Post), and the e-mail that asks an address's owner to
// confirm before any notice goes there. Plain text only: no images, no tracking.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Channel, Notice, NoticeLanguage, SendResult, Subscription } from './notice';
import { confirmationText, noticeText, unsubscribeWords } from './notice-text';
import type { ConfirmationMailer } from './subscriptions';

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

export const confirmLink = (publicOrigin: string, token: string): string =>
  `${publicOrigin.replace(/\/$/, '')}/notices/confirm?t=${encodeURIComponent(token)}`;

export class EmailChannel implements Channel, ConfirmationMailer {
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

  /** The double opt-in e-mail (server/notices/subscriptions.ts): throws when the mail server does not take it. */
  async sendConfirmation(address: string, token: string, language: NoticeLanguage): Promise<void> {
    const { subject, text } = confirmationText(language, confirmLink(this.settings.publicOrigin, token));
    await this.transport.sendMail({
      from: this.settings.from,
      to: address,
      subject,
      text: `${text}\n`,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  close(): void {
    this.transport.close();
  }
}
