/** Stories of <dvc-number-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-number-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Number field', component: 'dvc-number-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-number-field name="f" label="Số bản sao trích lục" hint="Gợi ý cho người khai"></dvc-number-field>`,
};

export const Prefilled: StoryObj = {
  render: () => html`<dvc-number-field name="f" label="Số bản sao trích lục" prefilled .value=${'2'}></dvc-number-field>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-number-field
      name="f"
      label="Số bản sao trích lục"
      required
      .value=${'0'}
      min="1"
      max="10"
      integer
      ${ref(showErrors)}
    ></dvc-number-field>`,
};

export const Disabled: StoryObj = {
  render: () => html`<dvc-number-field name="f" label="Số bản sao trích lục" disabled .value=${'2'}></dvc-number-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-number-field
      name="f"
      required
      label="Số bản sao trích lục của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-number-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-number-field
        name="f"
        label="Số bản sao trích lục"
        hint="Màn hình điện thoại 320 px"
        required
        ${ref(showErrors)}
      ></dvc-number-field>
    </div>`,
};

export const English: StoryObj = {
  render: () => html`<dvc-number-field lang="en" name="f" label="Số bản sao trích lục" required ${ref(showErrors)}></dvc-number-field>`,
};
