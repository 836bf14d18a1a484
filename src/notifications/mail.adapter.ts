import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Stable per outbox row, so a receiving server can drop a duplicate delivery. */
  readonly messageId: string;
}

/**
 * The only file that imports nodemailer (STYLE.md "E-mail"). Without SMTP_URL, mail is printed to
 * standard output for development, with the recipient masked.
 */
@Injectable()
export class MailAdapter implements OnApplicationShutdown {
  private readonly transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? createTransport({
          url: config.smtpUrl,
          pool: true,
          maxConnections: 4,
          connectionTimeout: 10_000,
          socketTimeout: 20_000,
        } as SMTPPool.Options)
      : undefined;
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transport) {
      // Development aid only: quiet when the log level asks for quiet (tests, benchmarks).
      if (!['info', 'debug'].includes(this.config.logLevel)) return;
      process.stdout.write(
        `--- mail (no SMTP_URL set; printed, not sent) ---\nTo: ${maskAddress(message.to)}\nSubject: ${message.subject}\n\n${message.text}\n--- end of mail ---\n`,
      );
      return;
    }
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: message.messageId,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

export function maskAddress(address: string): string {
  const [local, domain] = address.split('@');
  return domain ? `${local.slice(0, 1)}***@${domain}` : '***';
}
