import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'node:net';

export interface ReceivedMail {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
}

/**
 * A real SMTP server for tests (DEVELOPERS.md: "a real SMTP server for mail"): nodemailer talks
 * SMTP to it over TCP and the messages are parsed back from their MIME form.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  private port = 0;
  /** While true, every message is refused with a temporary failure (an SMTP outage). */
  failing = false;

  async start(port = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.failing) {
            callback(Object.assign(new Error('451 temporarily unavailable'), { responseCode: 451 }));
            return;
          }
          PostalMime.parse(Buffer.concat(chunks))
            .then((email) => {
              this.messages.push({
                to: session.envelope.rcptTo.map((r) => r.address),
                subject: email.subject ?? '',
                text: email.text ?? '',
                messageId: email.messageId ?? '',
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address));
  }

  async waitFor(predicate: (messages: ReceivedMail[]) => boolean, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (Date.now() > deadline) throw new Error(`SMTP sink: condition not met in ${timeoutMs} ms (${this.messages.length} messages)`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
