/**
 * `<dvc-attachment>` takes, as a citizen chooses them, the files the runtime's attachment rule takes
 * (src/runtime/attachments.ts), case for case of tests/fixtures/attachment-cases.ts; the reference
 * server is held to the same table in tests/node/server/attachment-rule.test.ts.
 */
import { elementUpdated, expect, html } from '@open-wc/testing';
import { mount } from './control-suite.js';
import '../../../src/define/dvc-attachment.js';
import type { DvcAttachment } from '../../../src/components/attachment/attachment.js';
import { ATTACHMENT_CASES, caseAttachment, type Verdict } from '../../fixtures/attachment-cases.js';

describe('<dvc-attachment>: the attachment rule, case for case', () => {
  ATTACHMENT_CASES.forEach((c, i) => {
    it(`${c.name} → ${c.verdict}`, async () => {
      const uploaded: string[] = [];
      const el = await mount<DvcAttachment>(
        html`<dvc-attachment
          name="#attachment:case"
          lang="vi"
          camera="off"
          .requirement=${caseAttachment(c, i)}
          .client=${{ upload: (file: Blob & { name?: string }) => (uploaded.push(file.name ?? ''), Promise.resolve({ uploadId: `up-${i}` })) }}
        ></dvc-attachment>`,
      );
      const file = new File([new Uint8Array(c.file.size)], c.file.name, { type: c.file.type });
      expect(file.type, "the browser keeps the case's type").to.equal(c.file.type);
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file][part~="input"]')!;
      const dt = new DataTransfer();
      dt.items.add(file);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      await elementUpdated(el);
      const refusal = el.shadowRoot!.querySelector('[part~="rejections"]')!.textContent ?? '';
      const verdict: Verdict =
        uploaded.length === 1
          ? 'accepted'
          : /không đúng loại/.test(refusal)
            ? 'type'
            : /lớn hơn/.test(refusal)
              ? 'size'
              : (refusal as Verdict);
      expect(verdict).to.equal(c.verdict);
    });
  });
});
