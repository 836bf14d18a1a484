/**
 * The pages' only way to build HTML: a tagged template that escapes every interpolated value
 * unless it is already `SafeHtml` (made by this tag). Appeals carry citizens' free text, so
 * nothing reaches a page unescaped (DEVELOPERS.md "Security": escape all output).
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

/** Joins fragments (each escaped unless safe). */
export function join(values: readonly HtmlValue[], separator = ''): SafeHtml {
  return new SafeHtml(values.map(render).join(escapeHtml(separator)));
}

/**
 * A URL for an href/action: only same-site paths (starting with one "/") pass; anything else
 * (javascript:, //evil, data:) becomes "/". The result is still escaped where interpolated.
 */
export function localPath(candidate: string | undefined, fallback = '/'): string {
  if (!candidate || !/^\/(?![/\\])[\x21-\x7e]*$/.test(candidate)) return fallback;
  return candidate;
}
