import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Actor } from '../auth/actor';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Clock } from '../platform/clock/clock';
import { Db } from '../platform/database/db';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import { AppealEventsRepository } from './appeal-events.repository';
import { toAttachmentView } from './appeal.presenter';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AttachmentMeta, AttachmentsRepository } from './attachments.repository';
import { canSeeIdentity } from './domain/access-policy';
import { safeFileName, sniffAttachmentType } from './domain/file-signature';
import { AttachmentView } from './dto/appeal.dto';

export const MAX_ATTACHMENTS_PER_APPEAL = 20;

export interface IncomingFile {
  readonly fileName: string;
  readonly declaredType: string;
  readonly content: Buffer;
}

/** Scanned documents of an appeal (appeals-rules.md 3, 16): stored with their SHA-256. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly appealsService: AppealsService,
    private readonly appeals: AppealsRepository,
    private readonly attachments: AttachmentsRepository,
    private readonly events: AppealEventsRepository,
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async add(actor: Actor, appealId: string, files: readonly IncomingFile[]): Promise<AttachmentView[]> {
    const appeal = await this.appealsService.loadVisible(actor, appealId);
    if (!canSeeIdentity(actor, appeal, await this.appealsService.supervisedBy(actor))) throw new NotFoundError('APPEAL_NOT_FOUND', 'The appeal');
    if (files.length === 0) throw DomainError.field('VALIDATION_FAILED', 'file', 'Send at least one file in the "file" field.');
    const checked = files.map((file, index) => {
      const type = sniffAttachmentType(file.content);
      if (!type || (file.declaredType !== type && file.declaredType !== 'application/octet-stream')) {
        throw DomainError.field(
          'ATTACHMENT_TYPE_NOT_ALLOWED',
          `file.${index}`,
          'Only PDF, JPEG and PNG documents are accepted, and the content must be of the declared type.',
        );
      }
      if (file.content.length === 0 || file.content.length > this.config.attachmentMaxBytes) {
        throw DomainError.field('ATTACHMENT_TOO_LARGE', `file.${index}`, `Each file may be at most ${this.config.attachmentMaxBytes} bytes.`);
      }
      return { ...file, type, sha256: createHash('sha256').update(file.content).digest('hex') };
    });

    return this.db.transaction(async (tx) => {
      // The row lock serialises uploads to one appeal, so the limits below cannot be raced past.
      await this.appeals.lockForUpdate(tx, appealId);
      const usage = await this.attachments.usage(tx, appealId);
      const bytes = checked.reduce((sum, file) => sum + file.content.length, usage.bytes);
      if (usage.count + checked.length > MAX_ATTACHMENTS_PER_APPEAL) {
        throw DomainError.field('ATTACHMENT_LIMIT_REACHED', 'file', `An appeal may have at most ${MAX_ATTACHMENTS_PER_APPEAL} attachments.`);
      }
      if (bytes > this.config.attachmentsPerAppealMaxBytes) {
        throw DomainError.field('ATTACHMENT_TOO_LARGE', 'file', `An appeal's attachments may total at most ${this.config.attachmentsPerAppealMaxBytes} bytes.`);
      }
      const stored: AttachmentMeta[] = [];
      for (const file of checked) {
        const meta = await this.attachments.insert(tx, {
          appealId,
          fileName: safeFileName(file.fileName),
          contentType: file.type,
          sha256: file.sha256,
          content: file.content,
          uploadedBy: actor.id,
        });
        await this.events.append(tx, appealId, {
          type: 'attachment_added',
          actorId: actor.id,
          actorRole: actor.role,
          occurredAt: this.clock.now(),
          data: { attachmentId: meta.id, sha256: meta.sha256, sizeBytes: meta.sizeBytes, contentType: meta.contentType },
        });
        stored.push(meta);
      }
      return stored.map(toAttachmentView);
    });
  }

  async download(actor: Actor, appealId: string, attachmentId: string): Promise<AttachmentMeta & { content: Buffer }> {
    const appeal = await this.appealsService.loadVisible(actor, appealId);
    // Confidential attachments are hidden like the identity (appeals-rules.md 16).
    if (!canSeeIdentity(actor, appeal, await this.appealsService.supervisedBy(actor))) throw new NotFoundError('ATTACHMENT_NOT_FOUND', 'The attachment');
    const found = await this.attachments.findContent(appealId, attachmentId);
    if (!found) throw new NotFoundError('ATTACHMENT_NOT_FOUND', 'The attachment');
    return found;
  }
}
