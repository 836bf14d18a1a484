import { escapeHtml, html, join, localPath, SafeHtml } from './html';

describe('html template', () => {
  it('escapes every interpolated string: markup, quotes and backticks', () => {
    const hostile = `<script>alert("x")</script>' onmouseover='x' \`y\` & more`;
    const out = html`<p title="${hostile}">${hostile}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/"[^"]*onmouseover='x'/);
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &#96;y&#96; &amp; more">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &#96;y&#96; &amp; more</p>',
    );
  });

  it('keeps fragments made by the tag, escapes arrays element by element, drops null and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<div>${inner}${['<a>', inner]}${null}${undefined}${false}${0}</div>`.value).toBe(
      '<div><b>&lt;i&gt;</b>&lt;a&gt;<b>&lt;i&gt;</b>0</div>',
    );
  });

  it('does not trust look-alike objects: only SafeHtml instances pass', () => {
    const fake = { value: '<img src=x onerror=alert(1)>', toString: () => '<img src=x onerror=alert(1)>' };
    expect(html`${fake as unknown as string}`.value).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(html`${new SafeHtml('<hr>')}`.value).toBe('<hr>');
  });

  it('escapes the separator of join', () => {
    expect(join(['a', 'b'], '<br>').value).toBe('a&lt;br&gt;b');
    expect(escapeHtml('Ə & ş')).toBe('Ə &amp; ş');
  });

  it('lets only same-site paths through as links', () => {
    expect(localPath('/my/appeals?x=1')).toBe('/my/appeals?x=1');
    for (const bad of ['//evil.example', '/\\evil', 'javascript:alert(1)', 'https://evil.example', '', undefined, '/a b']) {
      expect(localPath(bad)).toBe('/');
    }
  });
});
