/**
 * Every compiled example procedure (generated/procedures, made by `npm run compile`) through the shell:
 * start page, first step, "continue" on the empty step gives an error summary whose every link names a
 * field and focuses it; axe on each page.
 */
import { expect, fixture } from '@open-wc/testing';
import type { FormModel } from '../../../src/runtime/model.js';
import { lockDeviceStorage } from './helpers.js';

const slugs: string[] = await (await fetch('/__dvc/procedures.json')).json();

type Shell = HTMLElement & { whenReady(): Promise<void>; updateComplete: Promise<unknown> };

async function settle(el: Shell): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 30));
  await el.updateComplete;
}

describe('example procedures in the shell', () => {
  // A sign-out test elsewhere wipes the device storage and resets open forms: not while these run.
  lockDeviceStorage('shared');
  for (const slug of slugs) {
    it(`<dvc-${slug}>: start, first step, error summary, focus`, async () => {
      const model: FormModel = (await import(`/generated/procedures/${slug}/model.js`)).default;
      await import(`/generated/procedures/${slug}/define.js`);
      const el = await fixture<Shell>(`<${model.tag} drafts="off"></${model.tag}>`);
      await el.whenReady();
      await settle(el);
      await expect(el).to.be.accessible();
      (el.shadowRoot!.querySelector('[part~="start-button"]') as HTMLButtonElement).click();
      await settle(el);
      expect(el.shadowRoot!.querySelector('h2')!.textContent!.trim()).to.equal(model.steps[0]!.title.vi);
      expect(el.shadowRoot!.querySelectorAll('[name^="/"]').length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
      (el.shadowRoot!.querySelector('[part~="next-button"]') as HTMLButtonElement).click();
      await settle(el);
      const summary = el.shadowRoot!.querySelector('dvc-error-summary')!;
      const links = [...summary.shadowRoot!.querySelectorAll('a')];
      expect(links.length, 'an empty first step has errors').to.be.greaterThan(0);
      for (const a of links) expect(a.textContent).to.not.match(/\{[a-z]+\}/);
      const last = links.at(-1)!;
      const pointer = last.getAttribute('href')!.slice(1);
      last.click();
      await settle(el);
      const active = el.shadowRoot!.activeElement;
      expect(active !== null && (active.getAttribute('name') ?? '').startsWith(pointer), `focus moved to ${pointer}`).to.equal(true);
      await expect(el).to.be.accessible();
    });
  }
});
