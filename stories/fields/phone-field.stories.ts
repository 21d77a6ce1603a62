/** Stories of <dvc-phone-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-phone-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Phone field', component: 'dvc-phone-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-phone-field name="f" label="Số điện thoại di động" hint="Gợi ý cho người khai"></dvc-phone-field>`,
};

export const Prefilled: StoryObj = {
  render: () => html`<dvc-phone-field name="f" label="Số điện thoại di động" prefilled .value=${'0912345678'}></dvc-phone-field>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-phone-field name="f" label="Số điện thoại di động" required .value=${'0123'} ${ref(showErrors)}></dvc-phone-field>`,
};

export const Disabled: StoryObj = {
  render: () => html`<dvc-phone-field name="f" label="Số điện thoại di động" disabled .value=${'0912345678'}></dvc-phone-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-phone-field
      name="f"
      required
      label="Số điện thoại di động của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-phone-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-phone-field
        name="f"
        label="Số điện thoại di động"
        hint="Màn hình điện thoại 320 px"
        required
        ${ref(showErrors)}
      ></dvc-phone-field>
    </div>`,
};

export const English: StoryObj = {
  render: () => html`<dvc-phone-field lang="en" name="f" label="Số điện thoại di động" required ${ref(showErrors)}></dvc-phone-field>`,
};
