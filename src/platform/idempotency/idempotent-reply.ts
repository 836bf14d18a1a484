import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { StoredResponse } from './idempotency.service';

/** API.md: every POST that creates something takes `Idempotency-Key`. */
export const ApiIdempotencyKey = (): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Same key and body within 24 h returns the first response.',
      // idempotency.service.ts KEY_PATTERN
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$', maxLength: 200 },
    }),
  );

/** Sends a created resource, or the first response again when the key was replayed (`idempotent-replayed: true`). */
export function replyStored<B>(reply: FastifyReply, result: StoredResponse<B>): B {
  void reply.status(result.statusCode);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}
