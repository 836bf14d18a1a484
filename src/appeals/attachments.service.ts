import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../auth/actor';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Clock } from '../platform/clock/clock';
import { Db } from '../platform/database/db';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import { readSpooled, SpooledFile, SpoolLimits, UploadPart, UploadSpool } from '../platform/http/upload-spool';
import { AppealEventsRepository } from './appeal-events.repository';
import { toAttachmentView } from './appeal.presenter';
import { AppealRow, AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';
import { AttachmentMeta, AttachmentsRepository } from './attachments.repository';
import { canSeeConfidentialContent, canSeeIdentity } from './domain/access-policy';
import { sniffAttachmentType, storedFileName } from './domain/file-signature';
import { assertAcceptsDocuments } from './domain/lifecycle';
import { AttachmentView } from './dto/appeal.dto';

export const MAX_ATTACHMENTS_PER_APPEAL = 20;

/** What a multipart reader is asked for: busboy's own limits, a byte and a file past ours as a backstop. */
export interface MultipartLimits {
  readonly files: number;
  readonly fileSize: number;
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

  /** The limits of one request's files when nothing is stored yet (the new-appeal form). */
  newAppealLimits(maxFiles: number): SpoolLimits {
    return this.limits(Math.min(maxFiles, MAX_ATTACHMENTS_PER_APPEAL), this.config.attachmentsPerAppealMaxBytes, 'files');
  }

  /**
   * An upload to an existing appeal. Who asks and whether the case takes documents is checked
   * before a byte of the body is read; the stream is then limited by what the appeal has left
   * (files and bytes), so a refused upload is never read whole (docs/architecture.md "Security").
   */
  async upload(actor: Actor, appealId: string, receive: (limits: MultipartLimits) => AsyncIterable<UploadPart>): Promise<AttachmentView[]> {
    const limits = await this.uploadLimits(actor, appealId);
    const spool = new UploadSpool();
    try {
      for await (const part of receive({ files: limits.maxFiles + 1, fileSize: limits.maxFileBytes + 1 })) await spool.add(part, limits);
      return await this.add(actor, appealId, spool.files);
    } finally {
      await spool.discard();
    }
  }

  /**
   * What one request may still add to an existing appeal, after the access check and the case's
   * state (the API's upload and the staff case page's form read their files within it).
   */
  async uploadLimits(actor: Actor, appealId: string): Promise<SpoolLimits> {
    await this.writable(actor, appealId);
    const usage = await this.attachments.usage(this.db, appealId);
    const limits = this.limits(MAX_ATTACHMENTS_PER_APPEAL - usage.count, this.config.attachmentsPerAppealMaxBytes - usage.bytes, 'file');
    if (limits.maxFiles <= 0) throw this.tooMany();
    return limits;
  }

  /** Whether the caller may add documents to the case now (the page offers the form only then). */
  async accepts(actor: Actor, appealId: string): Promise<boolean> {
    try {
      await this.writable(actor, appealId);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  }

  /** The limits the pages tell people: each file's and all of an appeal's files' bytes. */
  get sizeLimits(): { readonly fileBytes: number; readonly appealBytes: number } {
    return { fileBytes: this.config.attachmentMaxBytes, appealBytes: this.config.attachmentsPerAppealMaxBytes };
  }

  /** Stores received files: each checked by its bytes, all within the appeal's limits, one transaction. */
  async add(actor: Actor, appealId: string, files: readonly SpooledFile[]): Promise<AttachmentView[]> {
    await this.writable(actor, appealId);
    if (files.length === 0) throw DomainError.field('VALIDATION_FAILED', 'file', 'Send at least one file in the "file" field.');
    const checked = files.map((file, index) => {
      const type = sniffAttachmentType(file.head);
      if (!type || (file.declaredType !== type && file.declaredType !== 'application/octet-stream')) {
        throw DomainError.field(
          'ATTACHMENT_TYPE_NOT_ALLOWED',
          `file.${index}`,
          'Only PDF, JPEG and PNG documents are accepted, and the content must be of the declared type.',
        );
      }
      if (file.sizeBytes > this.config.attachmentMaxBytes) {
        throw DomainError.field(
          'ATTACHMENT_TOO_LARGE',
          `file.${index}`,
          `Each file may be at most ${this.config.attachmentMaxBytes} bytes.`,
        );
      }
      return { ...file, type };
    });

    return this.db.transaction(async (tx) => {
      // The row lock serialises uploads to one appeal, so the limits below cannot be raced past,
      // and a case closed since the check above is seen closed here.
      const locked = await this.appeals.lockForUpdate(tx, appealId);
      if (locked) assertAcceptsDocuments(locked.status);
      const usage = await this.attachments.usage(tx, appealId);
      const bytes = checked.reduce((sum, file) => sum + file.sizeBytes, usage.bytes);
      if (usage.count + checked.length > MAX_ATTACHMENTS_PER_APPEAL) throw this.tooMany();
      if (bytes > this.config.attachmentsPerAppealMaxBytes) {
        throw DomainError.field(
          'ATTACHMENT_TOO_LARGE',
          'file',
          `An appeal's attachments may total at most ${this.config.attachmentsPerAppealMaxBytes} bytes.`,
        );
      }
      const stored: AttachmentMeta[] = [];
      for (const file of checked) {
        // Read back one file at a time: memory holds at most one file's limit per upload.
        const meta = await this.attachments.insert(tx, {
          appealId,
          fileName: storedFileName(file.fileName, file.type),
          contentType: file.type,
          sha256: file.sha256,
          content: await readSpooled(file),
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
    const supervised = await this.appealsService.supervisedBy(actor);
    // A scanned letter names its author: documents go with the identity (appeals-rules.md 18) and,
    // for a confidential appeal, with its text (appeals-rules.md 16).
    if (!canSeeIdentity(actor, appeal, supervised) || !canSeeConfidentialContent(actor, appeal, supervised)) {
      throw new NotFoundError('ATTACHMENT_NOT_FOUND', 'The attachment');
    }
    const found = await this.attachments.findContent(appealId, attachmentId);
    if (!found) throw new NotFoundError('ATTACHMENT_NOT_FOUND', 'The attachment');
    return found;
  }

  /** The access check (invisible, or a confidential case the caller may not read: 404), then the case's state. */
  private async writable(actor: Actor, appealId: string): Promise<AppealRow> {
    const appeal = await this.appealsService.loadVisible(actor, appealId);
    if (!canSeeConfidentialContent(actor, appeal, await this.appealsService.supervisedBy(actor)))
      throw new NotFoundError('APPEAL_NOT_FOUND', 'The appeal');
    assertAcceptsDocuments(appeal.status);
    return appeal;
  }

  private limits(maxFiles: number, maxTotalBytes: number, field: string): SpoolLimits {
    return {
      maxFiles,
      maxFileBytes: this.config.attachmentMaxBytes,
      maxTotalBytes,
      field,
      tooLarge: 'ATTACHMENT_TOO_LARGE',
      tooMany: 'ATTACHMENT_LIMIT_REACHED',
    };
  }

  private tooMany(): DomainError {
    return DomainError.field('ATTACHMENT_LIMIT_REACHED', 'file', `An appeal may have at most ${MAX_ATTACHMENTS_PER_APPEAL} attachments.`);
  }
}
