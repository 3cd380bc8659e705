import { createHash } from 'node:crypto';
import { escapeHtml, html, page, raw } from '../../../src/http/html';

describe('html templates', () => {
  const hostile = `<script>alert("x")</script> & 'quoted'`;

  test('GIVEN outside text WHEN escaped THEN no character can open a tag, an entity or leave an attribute', () => {
    expect(escapeHtml(hostile)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;',
    );
  });

  test('GIVEN text interpolated in content and in attributes THEN every interpolation is escaped', () => {
    const out = html`<a href="${hostile}" title='${hostile}'>${hostile}</a>${42}`.__html;

    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/"x"|'quoted'/);
    expect(out).toBe(
      `<a href="${escapeHtml(hostile)}" title='${escapeHtml(hostile)}'>${escapeHtml(hostile)}</a>42`,
    );
  });

  test('GIVEN nested templates, lists and empty values THEN markup stays markup and text stays text', () => {
    const items = ['<b>', 'ok'].map((t) => html`<li>${t}</li>`);
    const out = html`<ul>${items}</ul>${null}${undefined}${false}${['<i>']}`.__html;

    expect(out).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>&lt;i&gt;');
  });

  test('GIVEN calma-made markup through raw() THEN it goes in unescaped', () => {
    expect(html`${raw('<hr>')}`.__html).toBe('<hr>');
  });

  test('GIVEN a page WHEN rendered THEN it has its language, an escaped title, and a policy allowing only its own style and script', () => {
    const style = 'body{color:#111}';
    const script = 'void 0;';
    const { html: doc, csp } = page('es', hostile, html`<main><h1>Estado</h1></main>`, {
      style,
      script,
      images: ['https://cdn.example.com'],
    });
    const sha = (t: string) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`;

    expect(doc).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(doc).toContain(`<title>${escapeHtml(hostile)}</title>`);
    expect(doc).toContain(`<style>${style}</style>`);
    expect(doc).toContain(`<script>${script}</script>`);
    expect(csp).toContain(`style-src ${sha(style)}`);
    expect(csp).toContain(`script-src ${sha(script)}`);
    expect(csp).toContain('img-src https://cdn.example.com');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  test('GIVEN a page without script or images THEN the policy allows none', () => {
    const { csp } = page('en', 't', html``);

    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("img-src 'none'");
  });
});
