import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../platform/errors/domain-error';
import { ERROR_CODES } from '../platform/errors/error-codes';
import { html, localPath, SafeHtml } from './html';
import { Texts } from './i18n';
import { FormState, layout, PageContext } from './layout';
import { WebRedirect } from './page-access';
import { CSRF_FIELD, WebSession } from './web-session';

export { WebRedirect } from './page-access';

/** Shared by every page controller: who is signed in, the page context, sending HTML. */
@Injectable()
export class WebPages {
  constructor(readonly session: WebSession) {}

  context(request: FastifyRequest, reply: FastifyReply): PageContext {
    return {
      texts: new Texts(this.session.lang(request)),
      actor: this.session.actor(request),
      csrf: this.session.csrfToken(request, reply),
      path: localPath(request.url),
    };
  }

  send(reply: FastifyReply, page: SafeHtml, status = 200): void {
    // Pages show case data: never cached by shared caches or kept in the back/forward history of another user.
    void reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page.value);
  }

  redirect(reply: FastifyReply, location: string): void {
    void reply.status(303).header('location', localPath(location)).send();
  }
}

/** The status a failed form is shown with: the API's status for the same error (422, 409, ...). */
export function formStatus(error: DomainError): number {
  return ERROR_CODES[error.code] >= 500 ? 422 : ERROR_CODES[error.code];
}

/**
 * Runs a form's action; a DomainError (validation or a rule of the law) becomes the form's state,
 * shown next to the fields, never a 5xx. A stale version gets the plain words the issue asks for.
 */
export async function attempt<T>(
  t: Texts,
  form: string,
  values: FormState['values'],
  action: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; state: FormState; status: number }> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (!(error instanceof DomainError) || ERROR_CODES[error.code] >= 500) throw error;
    const { [CSRF_FIELD]: _token, password: _password, ...kept } = values;
    const message =
      error.code === 'VERSION_CONFLICT'
        ? t.msg('errors.versionConflict')
        : error.code === 'VALIDATION_FAILED' && error.errors.length > 0
          ? t.msg('errors.formInvalid')
          : t.error(error.code, error.message);
    const errors = error.errors.map((e) => ({
      ...e,
      message: error.code === 'VALIDATION_FAILED' ? t.validation(e) : t.error(error.code, e.message),
    }));
    return { ok: false, state: { form, message, errors, values: kept }, status: formStatus(error) };
  }
}

/** Errors of page routes as HTML pages in the visitor's language; a 500 shows only an error id. */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebPages');

  constructor(private readonly pages: WebPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof WebRedirect) return this.pages.redirect(reply, exception.location);
    if (exception instanceof DomainError && exception.code === 'UNAUTHENTICATED') {
      return this.pages.redirect(reply, `/login?next=${encodeURIComponent(localPath(request.url))}`);
    }
    const ctx = this.pages.context(request, reply);
    const t = ctx.texts;
    let status = 500;
    let message = t.msg('errors.unexpected');
    let errorId: string | undefined;
    if (exception instanceof DomainError) {
      status = ERROR_CODES[exception.code];
      message =
        status === 404 ? t.msg('errors.notFound') : status === 403 ? t.msg('errors.forbidden') : t.error(exception.code, exception.message);
    } else {
      // An unknown route (Nest's NotFoundException, reaching here through ProblemFilter) or a refusal of Fastify's parsers.
      const fastifyStatus =
        exception instanceof HttpException ? exception.getStatus() : (exception as { statusCode?: number } | null)?.statusCode;
      if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
        status = fastifyStatus;
        message = status === 404 ? t.msg('errors.notFound') : t.msg('errors.refused');
      }
    }
    if (status >= 500) {
      errorId = randomUUID();
      // Ids and the error only: never form values (personal data) in the log.
      this.logger.error({ errorId, route: request.routeOptions?.url, err: exception instanceof Error ? exception.name : typeof exception });
      if (exception instanceof Error) this.logger.error(exception.stack);
    }
    const title =
      status === 404 ? t.msg('errors.titleNotFound') : status === 403 ? t.msg('errors.titleForbidden') : t.msg('errors.titleError');
    this.pages.send(
      reply,
      layout(ctx, {
        title,
        body: html`<h1>${title}</h1><p class="form-error" role="alert">${message}</p>${
          errorId ? html`<p>${t.msg('errors.errorId')}: <code>${errorId}</code></p>` : ''
        }<p><a href="/">${t.msg('errors.backHome')}</a></p>`,
      }),
      status,
    );
  }
}
