import { AgencyDto } from '../../agencies/dto/agency.dto';
import { ANSWER_TEMPLATE_PLACEHOLDERS } from '../../appeals/domain/answer-template';
import { AnswerTemplateDto } from '../../appeals/dto/answer-template.dto';
import { html, SafeHtml } from '../html';
import { Texts } from '../i18n';
import { csrfField, FormState, formMessage, input, layout, PageContext, select, textarea } from '../layout';
import { agencyOptions } from './evaluation-admin.view';

/** The placeholders' names shown as they are typed into a template ("{registrationNumber}"). */
function placeholdersHint(t: Texts): string {
  return t.msg('answerTemplates.placeholders', Object.fromEntries(ANSWER_TEMPLATE_PLACEHOLDERS.map((p) => [p, `{${p}}`])));
}

function templateFields(t: Texts, form: string, state: FormState | undefined, template?: AnswerTemplateDto): SafeHtml {
  return html`${input({ form, name: 'title', label: t.msg('answerTemplates.name'), value: template?.title, state, required: true, maxLength: 200 })}
${textarea({
  form,
  name: 'body',
  label: t.msg('answerTemplates.body'),
  hint: placeholdersHint(t),
  value: template?.body,
  state,
  rows: 10,
  required: true,
  maxLength: 20_000,
})}`;
}

/** The admin's list of an agency's (or every agency's) templates, with the form for a new one. */
export function answerTemplatesPage(
  ctx: PageContext,
  page: { agencies: readonly AgencyDto[]; agencyId?: string; templates: readonly AnswerTemplateDto[]; state?: FormState; notice?: string },
): SafeHtml {
  const t = ctx.texts;
  const agencyName = new Map(page.agencies.map((a) => [a.id, `${a.code} — ${a.name}`]));
  const options = agencyOptions(page.agencies);
  return layout(ctx, {
    title: t.msg('answerTemplates.title'),
    notice: page.notice,
    body: html`<h1>${t.msg('answerTemplates.title')}</h1>
<p>${t.msg('answerTemplates.intro')}</p>
<form method="get" action="/admin/answer-templates" class="period">
${select({ form: 'filter', name: 'agencyId', label: t.msg('answerTemplates.agency'), options, placeholder: '—', value: page.agencyId })}
<button type="submit" class="secondary">${t.msg('answerTemplates.show')}</button></form>
${
  page.templates.length === 0
    ? html`<p>${t.msg('answerTemplates.empty')}</p>`
    : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t.msg('answerTemplates.agency')}</th><th scope="col">${t.msg(
        'answerTemplates.name',
      )}</th><th scope="col">${t.msg('answerTemplates.updatedAt')}</th></tr></thead><tbody>
${page.templates.map(
  (x) =>
    html`<tr data-template="${x.id}"><td>${agencyName.get(x.agencyId) ?? '—'}</td><td><a href="/admin/answer-templates/${x.id}">${x.title}</a></td><td>${t.dateTime(
      x.updatedAt,
    )}</td></tr>`,
)}</tbody></table></div>`
}
<section aria-labelledby="new-template"><h2 id="new-template">${t.msg('answerTemplates.newTitle')}</h2>
${formMessage(page.state, 'template')}
<form method="post" action="/admin/answer-templates">${csrfField(ctx)}
${select({ form: 'template', name: 'agencyId', label: t.msg('answerTemplates.agency'), options, placeholder: '—', value: page.agencyId, state: page.state, required: true })}
${templateFields(t, 'template', page.state)}
<button type="submit">${t.msg('answerTemplates.create')}</button></form></section>`,
  });
}

/** One template: its wording to edit, and its deletion. */
export function answerTemplatePage(
  ctx: PageContext,
  page: { template: AnswerTemplateDto; agencyName: string; state?: FormState; notice?: string },
): SafeHtml {
  const t = ctx.texts;
  const { template } = page;
  return layout(ctx, {
    title: template.title,
    notice: page.notice,
    body: html`<h1>${template.title}</h1>
<p>${t.msg('answerTemplates.agency')}: ${page.agencyName}</p>
${formMessage(page.state, 'template')}
<form method="post" action="/admin/answer-templates/${template.id}">${csrfField(ctx)}
${templateFields(t, 'template', page.state, template)}
<button type="submit">${t.msg('answerTemplates.save')}</button></form>
<section aria-labelledby="delete-template"><h2 id="delete-template">${t.msg('answerTemplates.deleteTitle')}</h2>
<p class="hint">${t.msg('answerTemplates.deleteHint')}</p>
<form method="post" action="/admin/answer-templates/${template.id}/delete">${csrfField(ctx)}<button type="submit" class="secondary">${t.msg(
      'answerTemplates.delete',
    )}</button></form></section>
<p><a href="/admin/answer-templates?agencyId=${template.agencyId}">${t.msg('answerTemplates.back')}</a></p>`,
  });
}
