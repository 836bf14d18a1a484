import { Actor } from '../auth/actor';
import { FieldError } from '../platform/errors/domain-error';
import { html, HtmlValue, SafeHtml } from './html';
import { translator } from '../platform/i18n';
import { Colour, LANGS, Texts } from './i18n';
import { CSRF_FIELD } from './web-session';

/** What every page needs to render: language, who is signed in, the form token, where we are. */
export interface PageContext {
  readonly texts: Texts;
  readonly actor: Actor | undefined;
  readonly csrf: string;
  /** The path of this page, for the language switch and login's way back. */
  readonly path: string;
}

/** A form's outcome shown on the page: the message on top, each field's error next to the field. */
export interface FormState {
  readonly form: string;
  readonly message?: string;
  readonly errors: readonly FieldError[];
  readonly values: Readonly<Record<string, string | string[] | undefined>>;
}

export function layout(ctx: PageContext, page: { title: string; body: HtmlValue; notice?: string }): SafeHtml {
  const t = ctx.texts;
  const fullTitle = `${page.title} — e-Müraciət`;
  return html`<!doctype html>
<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/site.js" defer></script>
</head>
<body>
<a class="skip" href="#main">${t.msg('layout.skip')}</a>
<header class="top">
  <a class="brand" href="/">e-Müraciət</a>
  <nav aria-label="${t.msg('layout.mainMenu')}">
    <ul>${navLinks(ctx)}</ul>
  </nav>
  <div class="tools">
    ${languageSwitch(ctx)}
    ${
      ctx.actor
        ? html`<form method="post" action="/logout" class="inline">${csrfField(ctx)}<button type="submit">${t.msg('layout.signOut')}</button></form>`
        : html`<a href="/login">${t.msg('common.signIn')}</a>`
    }
  </div>
</header>
<main id="main" tabindex="-1">
${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ''}
${page.body}
</main>
<footer><p>${t.msg('layout.footer')} <a href="/docs">API</a></p></footer>
</body>
</html>`;
}

function navLinks(ctx: PageContext): SafeHtml {
  const t = ctx.texts;
  const links: Array<[string, string]> = [
    ['/', t.msg('layout.nav.home')],
    ['/agencies', t.msg('layout.nav.agencies')],
  ];
  const role = ctx.actor?.role;
  if (!role) links.push(['/register', t.msg('layout.nav.register')]);
  if (role === 'citizen') links.push(['/appeals/new', t.msg('layout.nav.newAppeal')], ['/my/appeals', t.msg('layout.nav.myAppeals')]);
  if (role === 'registrar' || role === 'official' || role === 'supervisor') links.push(['/office', t.msg('layout.nav.inbox')]);
  if (role === 'supervisor') links.push(['/supervision', t.msg('layout.nav.supervision')]);
  // Rule 18: every agency keeps its appeal statistics; its staff read them for their own agency.
  if (role && role !== 'citizen') links.push(['/statistics', t.msg('layout.nav.statistics')]);
  if (role === 'admin') links.push(['/admin', t.msg('layout.nav.admin')], ['/admin/users', t.msg('layout.nav.users')]);
  if (role) links.push(['/account', t.msg('layout.nav.account')]);
  return html`${links.map(
    ([href, label]) => html`<li><a href="${href}"${href === ctx.path ? html` aria-current="page"` : ''}>${label}</a></li>`,
  )}`;
}

/**
 * Every language on every page, each named in itself (WCAG 3.1.2: `lang` on the link); the page's
 * own language is marked, not linked. /lang/:lang keeps the choice in a cookie and comes back here.
 */
function languageSwitch(ctx: PageContext): SafeHtml {
  const current = ctx.texts.lang;
  const back = encodeURIComponent(ctx.path);
  return html`<nav class="langs" aria-label="${ctx.texts.msg('layout.languages')}"><ul>${LANGS.map((lang) => {
    const name = translator(lang).t('language.name');
    return lang === current
      ? html`<li><span aria-current="true" lang="${lang}">${name}</span></li>`
      : html`<li><a href="/lang/${lang}?back=${back}" lang="${lang}" hreflang="${lang}">${name}</a></li>`;
  })}</ul></nav>`;
}

export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrf}">`;
}

/** The errors of one form for one field (fields of nested DTOs match by prefix: "applicant.email"). */
export function errorsFor(state: FormState | undefined, form: string, field: string): string[] {
  if (!state || state.form !== form) return [];
  return state.errors
    .filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))
    .map((e) => e.message);
}

export function valueOf(state: FormState | undefined, form: string, field: string, fallback = ''): string {
  if (!state || state.form !== form) return fallback;
  const value = state.values[field];
  return typeof value === 'string' ? value : fallback;
}

interface FieldSpec {
  readonly form: string;
  readonly name: string;
  /** Text, or markup for a label in part in another language (`<span lang="az">`). */
  readonly label: string | SafeHtml;
  readonly state?: FormState;
  readonly type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'tel' | 'search' | 'file';
  readonly value?: string;
  readonly required?: boolean;
  readonly hint?: string;
  readonly autocomplete?: string;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly multiple?: boolean;
  readonly accept?: string;
}

function ids(spec: { form: string; name: string }): { id: string; errorId: string; hintId: string } {
  const id = `${spec.form}-${spec.name}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return { id, errorId: `${id}-error`, hintId: `${id}-hint` };
}

/** Label, hint and error around a control; the error is tied to it with aria-describedby. */
function wrap(
  spec: FieldSpec & { errorField?: string },
  control: (a: { id: string; describedBy: string; invalid: boolean }) => SafeHtml,
): SafeHtml {
  const { id, errorId, hintId } = ids(spec);
  const errors = errorsFor(spec.state, spec.form, spec.errorField ?? spec.name);
  const describedBy = [spec.hint ? hintId : '', errors.length ? errorId : ''].filter(Boolean).join(' ');
  return html`<div class="field${errors.length ? ' has-error' : ''}">
<label for="${id}">${spec.label}${spec.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}</label>
${spec.hint ? html`<p class="hint" id="${hintId}">${spec.hint}</p>` : ''}
${errors.length ? html`<p class="error" id="${errorId}" data-field="${spec.errorField ?? spec.name}">${errors.join(' ')}</p>` : ''}
${control({ id, describedBy, invalid: errors.length > 0 })}
</div>`;
}

export function input(spec: FieldSpec & { errorField?: string }): SafeHtml {
  return wrap(spec, ({ id, describedBy, invalid }) => {
    const value =
      spec.type === 'password' || spec.type === 'file' ? undefined : valueOf(spec.state, spec.form, spec.name, spec.value ?? '');
    return html`<input id="${id}" name="${spec.name}" type="${spec.type ?? 'text'}"${value !== undefined ? html` value="${value}"` : ''}${
      spec.required ? html` required` : ''
    }${spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ''}${spec.min !== undefined ? html` min="${spec.min}"` : ''}${
      spec.max !== undefined ? html` max="${spec.max}"` : ''
    }${spec.maxLength ? html` maxlength="${spec.maxLength}"` : ''}${spec.multiple ? html` multiple` : ''}${spec.accept ? html` accept="${spec.accept}"` : ''}${
      describedBy ? html` aria-describedby="${describedBy}"` : ''
    }${invalid ? html` aria-invalid="true"` : ''}>`;
  });
}

export function textarea(spec: FieldSpec & { rows?: number; errorField?: string }): SafeHtml {
  return wrap(spec, ({ id, describedBy, invalid }) => {
    const value = valueOf(spec.state, spec.form, spec.name, spec.value ?? '');
    return html`<textarea id="${id}" name="${spec.name}" rows="${spec.rows ?? 5}"${spec.required ? html` required` : ''}${
      spec.maxLength ? html` maxlength="${spec.maxLength}"` : ''
    }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${invalid ? html` aria-invalid="true"` : ''}>${value}</textarea>`;
  });
}

export function select(
  spec: FieldSpec & { options: ReadonlyArray<{ value: string; label: string }>; placeholder?: string; size?: number; errorField?: string },
): SafeHtml {
  return wrap(spec, ({ id, describedBy, invalid }) => {
    const current = spec.state?.form === spec.form ? spec.state.values[spec.name] : spec.value;
    const chosen = new Set(Array.isArray(current) ? current : current ? [current] : []);
    return html`<select id="${id}" name="${spec.name}"${spec.required ? html` required` : ''}${spec.multiple ? html` multiple` : ''}${
      spec.size ? html` size="${spec.size}"` : ''
    }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${invalid ? html` aria-invalid="true"` : ''}>
${spec.placeholder !== undefined ? html`<option value="">${spec.placeholder}</option>` : ''}
${spec.options.map((o) => html`<option value="${o.value}"${chosen.has(o.value) ? html` selected` : ''}>${o.label}</option>`)}
</select>`;
  });
}

/** The message of a failed form, announced to screen readers, with a link to the first field in error. */
export function formMessage(state: FormState | undefined, form: string): SafeHtml | '' {
  if (!state || state.form !== form || (!state.message && state.errors.length === 0)) return '';
  return html`<div class="form-error" role="alert"><p>${state.message ?? ''}</p></div>`;
}

/**
 * A traffic-light cell: the colour is never the only signal (WCAG 1.4.1): the cell carries
 * data-colour for machines, a shape and the methodology's word for people. A grey cell's text
 * already says why it is grey ("no data", "insufficient data"), so it gets no second word.
 */
export function colourCell(t: Texts, colour: Colour, text: string): SafeHtml {
  const word = colour === 'none' ? '' : html` <span class="light-word">(${t.colour(colour)})</span>`;
  return html`<td class="light light-${colour}" data-colour="${colour}"><span class="dot" aria-hidden="true"></span> ${text}${word}</td>`;
}

export function dateText(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const at = new Date(value);
  // Instants in Baku time, as the law's days are Baku days.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Baku',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(at)
    .replace(',', '');
}
