/** Stories of <dvc-email-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-email-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Email field', component: 'dvc-email-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-email-field name="f" label="Thư điện tử" hint="Gợi ý cho người khai"></dvc-email-field>`,
};

export const Prefilled: StoryObj = {
  render: () => html`<dvc-email-field name="f" label="Thư điện tử" prefilled .value=${'nguyen.van.an@example.com'}></dvc-email-field>`,
};

export const Invalid: StoryObj = {
  render: () => html`<dvc-email-field name="f" label="Thư điện tử" required .value=${'an@'} ${ref(showErrors)}></dvc-email-field>`,
};

export const Disabled: StoryObj = {
  render: () => html`<dvc-email-field name="f" label="Thư điện tử" disabled .value=${'nguyen.van.an@example.com'}></dvc-email-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-email-field
      name="f"
      required
      label="Thư điện tử của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-email-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-email-field name="f" label="Thư điện tử" hint="Màn hình điện thoại 320 px" required ${ref(showErrors)}></dvc-email-field>
    </div>`,
};

export const English: StoryObj = {
  render: () => html`<dvc-email-field lang="en" name="f" label="Thư điện tử" required ${ref(showErrors)}></dvc-email-field>`,
};
