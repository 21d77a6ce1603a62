/** Stories of <dvc-date-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-date-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Date field', component: 'dvc-date-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-date-field name="f" label="Ngày sinh" hint="Gợi ý cho người khai"></dvc-date-field>`,
};

export const Prefilled: StoryObj = {
  render: () => html`<dvc-date-field name="f" label="Ngày sinh" prefilled .value=${'1990-09-05'}></dvc-date-field>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-date-field name="f" label="Ngày sinh" required .value=${'2099-01-01'} max="2025-12-31" ${ref(showErrors)}></dvc-date-field>`,
};

export const Disabled: StoryObj = {
  render: () => html`<dvc-date-field name="f" label="Ngày sinh" disabled .value=${'1990-09-05'}></dvc-date-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-date-field
      name="f"
      required
      label="Ngày sinh của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-date-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-date-field name="f" label="Ngày sinh" hint="Màn hình điện thoại 320 px" required ${ref(showErrors)}></dvc-date-field>
    </div>`,
};

export const English: StoryObj = {
  render: () => html`<dvc-date-field lang="en" name="f" label="Ngày sinh" required ${ref(showErrors)}></dvc-date-field>`,
};
