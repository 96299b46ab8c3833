// @vitest-environment jsdom
// Every adapter over every fixture page: never throws, always a valid snapshot, and where an
// adapter is not meant for a page it finds nothing (or, for the generic adapter on OpenEMR pages,
// degrades to what it can see).
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../src/adapters/generic';
import { readFrame, type Adapter } from '../../src/adapters/index';
import { openemrAdapter } from '../../src/adapters/openemr';
import { selectorAdapter, type SelectorAdapterConfig } from '../../src/adapters/selector';
import { SnapshotSchema } from '../../src/shared/snapshot';
import { at, parsePage, URLS } from './pages';

const PAGES: [string, string][] = [
  ['openemr-main-tabs.html', URLS.tabs],
  ['openemr-encounter-top.html', URLS.encTop],
  ['openemr-soap.html', URLS.soap],
  ['openemr-fee-sheet-unbilled.html', URLS.feeSheet],
  ['openemr-fee-sheet-billed.html', URLS.feeSheet],
  ['openemr-encounter-summary.html', URLS.summary],
  ['openemr-billing-manager.html', URLS.billing],
  ['legacy-frameset.html', URLS.frameset],
  ['generic-ehr.html', URLS.generic],
  ['generic-list-form.html', URLS.listForm],
  ['selector-ehr.html', URLS.selector],
  ['news-page.html', URLS.news],
];

const config: SelectorAdapterConfig = {
  name: 'ExampleEHR',
  urlPattern: '<all_urls>',
  noteSelectors: [{ selector: '.note-section' }],
  claimRowSelector: '.charge-row',
  columns: { code: '.cpt', units: '.units' },
};

const ADAPTERS: Adapter[] = [openemrAdapter, genericAdapter, selectorAdapter(config)];

function read(adapter: Adapter, page: string, url: string) {
  return readFrame(parsePage(page), at(url), [], [adapter]);
}

describe('every adapter over every fixture', () => {
  for (const adapter of ADAPTERS) {
    for (const [page, url] of PAGES) {
      it(`${adapter.id} on ${page} gives a valid snapshot`, () => {
        const frame = read(adapter, page, url);
        expect(SnapshotSchema.safeParse(frame.snapshot).success).toBe(true);
        expect(frame.snapshot.adapter).toBe(adapter.id);
        const ownPage = adapter.id === 'openemr' ? page.startsWith('openemr-') : adapter.id === 'generic' ? page.startsWith('generic-') : page === 'selector-ehr.html';
        const shellPage = /main-tabs|encounter-top|frameset|news/.test(page);
        if (shellPage || (!ownPage && adapter.id !== 'generic')) expect(frame.empty).toBe(true);
      });
    }
  }

  it('generic on OpenEMR pages degrades to what it can see: SOAP textareas and fee-sheet rows', () => {
    const soap = read(genericAdapter, 'openemr-soap.html', URLS.soap);
    expect(soap.snapshot.noteParts.map((p) => [p.id, p.label])).toEqual([
      ['textarea:subjective', 'Subjective'],
      ['textarea:objective', 'Objective'],
      ['textarea:assessment', 'Assessment'],
    ]);
    for (const page of ['openemr-fee-sheet-unbilled.html', 'openemr-fee-sheet-billed.html']) {
      const generic = read(genericAdapter, page, URLS.feeSheet).snapshot.claimLines;
      const openemr = read(openemrAdapter, page, URLS.feeSheet).snapshot.claimLines;
      expect(generic).toEqual(openemr);
    }
  });
});
