import { expect, fixture, waitUntil } from '@open-wc/testing';
import type { FormModel } from '../../../src/runtime/model.js';
import { lockDeviceStorage } from '../shell/helpers.js';

/** Slugs of the compiled procedures, listed by the test server (web-test-runner.config.mjs). */
const slugs: string[] = await (await fetch('/__dvc/procedures.json')).json();

/** Waits until Lit has rendered the element once. */
async function settled(el: Element): Promise<void> {
  const lit = el as Element & { updateComplete?: Promise<unknown> };
  if (lit.updateComplete) await lit.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}

/** Text of an element's shadow tree, including nested shadow roots. */
function deepText(node: Node): string {
  let text = '';
  const walk = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) text += n.textContent ?? '';
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const child of Array.from(n.childNodes)) walk(child);
  };
  walk(node);
  return text.replace(/\s+/g, ' ');
}

describe('compiled procedures (smoke)', () => {
  // A sign-out test elsewhere wipes the device storage and resets open forms: not while these run.
  lockDeviceStorage('shared');
  it('the compiler produced at least one procedure', () => {
    expect(slugs.length, 'generated/procedures is empty: run `npm run build` first').to.be.greaterThan(0);
  });

  for (const slug of slugs) {
    it(`<dvc-${slug}> registers and renders its title in the shadow root`, async () => {
      const model: FormModel = (await import(`/generated/procedures/${slug}/model.js`)).default;
      await import(`/generated/procedures/${slug}/define.js`);
      expect(model.tag).to.equal(`dvc-${slug}`);
      expect(customElements.get(model.tag), `${model.tag} is defined`).to.be.a('function');

      const el = document.createElement(model.tag);
      el.setAttribute('drafts', 'off');
      const host = await fixture<HTMLDivElement>('<div style="width: 360px"></div>');
      host.append(el);
      await settled(el);

      expect(el.shadowRoot, 'shadow root').to.not.equal(null);
      // The first render may wait for the lazily loaded messages of the page's language.
      const title = model.procedure.title.vi;
      await waitUntil(() => deepText(el.shadowRoot!).includes(title), `the title "${title}" never appeared`, {
        timeout: 10_000,
      });
      expect(deepText(el.shadowRoot!)).to.contain(title);
    });
  }
});
