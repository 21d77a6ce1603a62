/**
 * The procedure shell rendering a small compiled procedure (tests/browser/shell/fixtures/test-permit.json),
 * against an in-page back end that validates with the procedure's own validator. Each story opens one page.
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../tests/browser/shell/fixtures/generated/test-permit/define.js';
import { DvcTestPermit } from '../tests/browser/shell/fixtures/generated/test-permit/element.js';
import { InPageBackend, OtherDeviceBackend } from '../tests/browser/shell/in-page-backend.js';
import { MemoryStorage } from '../src/runtime/draft-store.js';
import type { DvcProcedureForm } from '../src/components/procedure-form/procedure-form.js';

type Form = DvcProcedureForm<Record<string, unknown>>;

const backend = (): InPageBackend => {
  const b = new InPageBackend(DvcTestPermit.model, DvcTestPermit.validator);
  b.prefill = { 'citizen.fullName': 'Nguyễn Thị Minh Khai' };
  b.documents = [
    {
      id: 'doc-1',
      documentType: 'portrait',
      title: { vi: 'Ảnh chân dung (thẻ căn cước)', en: 'Portrait (ID card)' },
      issuedAt: '2024-05-02',
    },
  ];
  return b;
};

const form = (lang = 'vi') =>
  html`<dvc-test-permit lang=${lang} .client=${backend()} .draftStorage=${new MemoryStorage()}></dvc-test-permit>`;

const el = (canvas: HTMLElement): Form => canvas.querySelector('dvc-test-permit') as Form;
const tick = () => new Promise((r) => setTimeout(r, 30));
async function press(f: Form, part: string): Promise<void> {
  (f.shadowRoot!.querySelector(`[part~="${part}"]`) as HTMLButtonElement).click();
  await f.updateComplete;
  await tick();
}
async function answer(f: Form, pointer: string, value: string): Promise<void> {
  const c = f.shadowRoot!.querySelector(`[name="${pointer}"]`) as HTMLElement & { value: string };
  c.value = value;
  c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await f.updateComplete;
}
async function toReview(f: Form): Promise<void> {
  await f.whenReady();
  await press(f, 'start-button');
  await answer(f, '/applicant/dateOfBirth', '1990-09-05');
  await press(f, 'next-button');
  await answer(f, '/category', 'student');
  await answer(f, '/studentCard', 'SV-2024-001');
  await answer(f, '/copies', '3');
  await press(f, 'next-button');
  await press(f, 'next-button');
  const attachment = f.shadowRoot!.querySelector('dvc-attachment') as (HTMLElement & { updateComplete: Promise<unknown> }) | null;
  await attachment?.updateComplete;
  const reuse = attachment?.shadowRoot!.querySelector('input[type=checkbox]') as HTMLInputElement | null;
  reuse?.click();
  await tick();
  await press(f, 'next-button');
}

const meta: Meta = {
  title: 'Shell/Procedure form',
  component: 'dvc-test-permit',
  parameters: { layout: 'fullscreen' },
};
export default meta;

export const BeforeYouStart: StoryObj = { render: () => form() };

export const StepWithErrors: StoryObj = {
  render: () => form(),
  play: async ({ canvasElement }) => {
    const f = el(canvasElement);
    await f.whenReady();
    await press(f, 'start-button');
    await answer(f, '/applicant/fullName', '');
    await press(f, 'next-button');
  },
};

export const Review: StoryObj = {
  render: () => form(),
  play: async ({ canvasElement }) => toReview(el(canvasElement)),
};

export const PaymentVietQR: StoryObj = {
  render: () => form(),
  play: async ({ canvasElement }) => {
    const f = el(canvasElement);
    await toReview(f);
    (f.shadowRoot!.querySelector('input[name="#consent"]') as HTMLInputElement).click();
    await press(f, 'submit-button');
    await tick();
    await customElements.whenDefined('dvc-payment'); // loaded when the payment page is reached
    const pay = f.shadowRoot!.querySelector('dvc-payment') as HTMLElement & { updateComplete: Promise<unknown> };
    await pay.updateComplete;
    (pay.shadowRoot!.querySelector('input[type=radio]') as HTMLInputElement).click();
    await tick();
    (pay.shadowRoot!.querySelector('[part~="pay-button"]') as HTMLButtonElement).click();
  },
};

/**
 * Sign-out on a shared computer: the host page calls the form's `clearCitizenData()` (or the exported
 * `clearCitizenData()`); drafts, the unpaid receipt, remembered uploads, the device key and the session secret
 * are deleted and the form shows its first page, empty.
 */
export const SignOutClearsTheDevice: StoryObj = {
  render: () =>
    html`<p>
        <button
          type="button"
          @click=${(e: Event) => void ((e.currentTarget as HTMLElement).closest('div, body')!.querySelector('dvc-test-permit') as Form).clearCitizenData()}
        >
          Đăng xuất (host page)
        </button>
      </p>
      ${form()}`,
  play: async ({ canvasElement }) => {
    const f = el(canvasElement);
    await f.whenReady();
    await press(f, 'start-button');
    await answer(f, '/applicant/dateOfBirth', '1990-09-05');
  },
};

export const Attachments: StoryObj = {
  render: () => form(),
  play: async ({ canvasElement }) => {
    const f = el(canvasElement);
    await f.whenReady();
    await press(f, 'start-button');
    await answer(f, '/applicant/dateOfBirth', '1990-09-05');
    await press(f, 'next-button');
    await answer(f, '/category', 'normal');
    await answer(f, '/copies', '1');
    await press(f, 'next-button');
    await press(f, 'next-button');
    await press(f, 'next-button'); // nothing given yet: the attachment is named in the error summary
  },
};

/** The draft was changed on another device meanwhile: the citizen chooses which copy to keep. */
export const DraftChangedOnAnotherDevice: StoryObj = {
  render: () => {
    const b = new OtherDeviceBackend(DvcTestPermit.model, DvcTestPermit.validator);
    return html`<dvc-test-permit
      lang="vi"
      .client=${b}
      .tokenProvider=${async () => 'story-session'}
      .draftStorage=${new MemoryStorage()}
    ></dvc-test-permit>`;
  },
  play: async ({ canvasElement }) => {
    const f = el(canvasElement);
    await f.whenReady();
    await press(f, 'start-button');
    await answer(f, '/applicant/dateOfBirth', '1991-01-01');
    // The draft is sent after two seconds of quiet; the refusal brings up the choice.
    for (let i = 0; i < 50 && !f.shadowRoot!.querySelector('[data-action="draft-use-other"]'); i++)
      await new Promise((r) => setTimeout(r, 100));
  },
};

export const English: StoryObj = { render: () => form('en') };

export const NarrowPhone: StoryObj = {
  render: () => html`<div style="inline-size:320px;border:1px dashed #999">${form()}</div>`,
  play: async ({ canvasElement }) => {
    const f = el(canvasElement);
    await f.whenReady();
    await press(f, 'start-button');
    await press(f, 'next-button');
  },
};

export const Themed: StoryObj = {
  render: () =>
    html`<div style="--dvc-color-primary:#a4262c;--dvc-radius:12px;--dvc-font-family:Georgia,serif;--dvc-color-panel:#fff4e5">
      ${form()}
    </div>`,
};
