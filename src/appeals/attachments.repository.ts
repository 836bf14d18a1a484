import { Injectable } from '@nestjs/common';
import { Db, SqlExecutor, Tx } from '../platform/database/db';

export interface AttachmentMeta {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

const META_COLUMNS = `id, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"`;

@Injectable()
export class AttachmentsRepository {
  constructor(private readonly db: Db) {}

  async listMeta(appealId: string): Promise<AttachmentMeta[]> {
    return this.db.query<AttachmentMeta>(`SELECT ${META_COLUMNS} FROM appeal_attachments WHERE appeal_id = $1 ORDER BY uploaded_at, id`, [
      appealId,
    ]);
  }

  async usage(tx: SqlExecutor, appealId: string): Promise<{ count: number; bytes: number }> {
    const [row] = await tx.query<{ count: number; bytes: number }>(
      `SELECT count(*)::int AS count, coalesce(sum(size_bytes), 0)::int AS bytes FROM appeal_attachments WHERE appeal_id = $1`,
      [appealId],
    );
    return row;
  }

  async insert(
    tx: Tx,
    file: { appealId: string; fileName: string; contentType: string; sha256: string; content: Buffer; uploadedBy: string },
  ): Promise<AttachmentMeta> {
    const [row] = await tx.query<AttachmentMeta>(
      `INSERT INTO appeal_attachments (appeal_id, file_name, content_type, size_bytes, sha256, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${META_COLUMNS}`,
      [file.appealId, file.fileName, file.contentType, file.content.length, file.sha256, file.content, file.uploadedBy],
    );
    return row;
  }

  async findContent(appealId: string, attachmentId: string): Promise<(AttachmentMeta & { content: Buffer }) | undefined> {
    const [row] = await this.db.query<AttachmentMeta & { content: Buffer }>(
      `SELECT ${META_COLUMNS}, content FROM appeal_attachments WHERE appeal_id = $1 AND id = $2`,
      [appealId, attachmentId],
    );
    return row;
  }
}
