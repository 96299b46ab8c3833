// @vitest-environment jsdom
// `check --format html`: one self-contained report, read here as a browser would read it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchFolder, visitJson } from './fake-engine';

const { dir, file } = scratchFolder('tcg-html-');
const visit = visitJson;

describe('html', () => {
  it('is one self-contained page: no script, nothing fetched, every text escaped', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    file(`html/${evil}.json`, JSON.stringify(visit('[[<script>alert(2)</script>]] OVERBILLED', { payer: '"><script>alert(3)</script>', provider: { name: "<b onmouseover='alert(4)'>x</b>" } })));
    file('html/b.txt', 'Massage for relaxation & "comfort".');
    const out = join(dir, 'report.html');
    const { code } = await runCli(['check', '--format', 'html', '--out', out, join(dir, 'html')]);
    expect(code).toBe(1);
    const html = readFileSync(out, 'utf8');
    // No tag but our own: the page's text holds "<script>" and "onerror=" only escaped.
    expect(html).not.toMatch(/<(script|iframe|object|embed|link|img|svg|math|base|form)\b|@import|url\(/i);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';`);
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.json');
    // Every link is a source citation over https.
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\//);

    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('script, img, link, iframe, object, embed, svg')).toHaveLength(0);
    for (const element of doc.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute).not.toMatch(/^on|^src$|^style$/);
    }
    const articles = [...doc.querySelectorAll('#visits article')];
    expect(articles.map((a) => a.querySelector('h3')?.textContent)).toEqual([join(dir, 'html', `${evil}.json`), join(dir, 'html', 'b.txt')]);
    expect(articles[0]?.textContent).toContain('<script>alert(2)</script>');
    expect(articles[0]?.querySelector('mark')?.textContent).toBe('<script>alert(2)</script>');
  });

  it('opens with counts per severity, rule, payer profile and provider, then each finding', async () => {
    const folder = join(dir, 'html2');
    file('html2/1.json', JSON.stringify(visit('relaxation OVERBILLED', { provider: { name: 'A. Lee', credentials: ['PT'] } })));
    file('html2/2.json', JSON.stringify(visit('relaxation', { provider: { name: 'A. Lee', credentials: ['PT'] } })));
    file('html2/3.json', JSON.stringify(visit('clean', { provider: { name: 'B. Kim', credentials: ['PTA'] } })));
    file('html2/4.txt', 'relaxation');
    file('html2/5.json', '{');
    const { code, stdout } = await runCli(['check', '--format', 'html', '--payer', 'medicare', folder]);
    expect(code).toBe(2);
    const doc = new DOMParser().parseFromString(stdout, 'text/html');
    const table = (caption: string): string[][] => {
      const heading = [...doc.querySelectorAll('h2')].find((h) => h.textContent === caption);
      const rows = [...(heading?.nextElementSibling?.querySelectorAll('tbody tr') ?? [])];
      return rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()));
    };
    expect(doc.querySelector('#summary')?.compareDocumentPosition(doc.querySelector('#visits')!)).toBe(4); // summary first
    expect([...doc.querySelectorAll('.card')].map((c) => c.textContent)).toEqual(['4visits checked', '1visits with errors', '1error', '3warnings', '0info', '1inputs not checked']);
    expect(table('Findings per rule')).toEqual([
      ['comfort-wordingComfort wording', '0', '3', '0', '3'],
      ['units-minutesUnits vs minutes', '1', '0', '0', '1'],
    ]);
    expect(table('Per payer profile')).toEqual([['Medicare Part B', '4', '1', '4']]);
    expect(table('Per provider')).toEqual([
      ['A. Lee, PT', '2', '1', '3'],
      ['(not on the claim)', '1', '0', '1'],
      ['B. Kim, PTA', '1', '0', '0'],
    ]);
    expect(doc.querySelector('ul.problems')?.textContent).toContain(`${join(folder, '5.json')} (not readable): invalid JSON at line 1, column 2`);
    expect(doc.querySelectorAll('#visits article')).toHaveLength(4);
    expect(doc.querySelectorAll('#visits ol.findings > li')).toHaveLength(4);
  });
});

