import { Injectable } from '@nestjs/common';

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
}

export type MailRenderer = (payload: Record<string, unknown>) => Promise<RenderedMail>;

/**
 * Mail templates by name. Feature modules register theirs; a template reads what it needs from
 * the database when the mail is sent, so outbox payloads carry ids, not copies of the case.
 */
@Injectable()
export class MailTemplateRegistry {
  private readonly renderers = new Map<string, MailRenderer>();

  register(name: string, renderer: MailRenderer): void {
    if (this.renderers.has(name)) throw new Error(`mail template ${name} registered twice`);
    this.renderers.set(name, renderer);
  }

  async render(name: string, payload: Record<string, unknown>): Promise<RenderedMail> {
    const renderer = this.renderers.get(name);
    if (!renderer) throw new Error(`no mail template ${name}`);
    return renderer(payload);
  }
}
