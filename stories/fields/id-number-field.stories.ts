/** Stories of <dvc-id-number-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-id-number-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/ID number field', component: 'dvc-id-number-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-id-number-field name="f" label="Số định danh cá nhân" hint="Gợi ý cho người khai"></dvc-id-number-field>`,
};

export const Prefilled: StoryObj = {
  render: () =>
    html`<dvc-id-number-field
      name="f"
      label="Số định danh cá nhân"
      prefilled
      .value=${'035199000123'}
      birth-date="1999-04-12"
      sex="female"
    ></dvc-id-number-field>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-id-number-field
      name="f"
      label="Số định danh cá nhân"
      required
      .value=${'03519900'}
      ${ref(showErrors)}
    ></dvc-id-number-field>`,
};

export const Disabled: StoryObj = {
  render: () =>
    html`<dvc-id-number-field
      name="f"
      label="Số định danh cá nhân"
      disabled
      .value=${'035199000123'}
      birth-date="1999-04-12"
      sex="female"
    ></dvc-id-number-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-id-number-field
      name="f"
      required
      label="Số định danh cá nhân của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-id-number-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-id-number-field
        name="f"
        label="Số định danh cá nhân"
        hint="Màn hình điện thoại 320 px"
        required
        ${ref(showErrors)}
      ></dvc-id-number-field>
    </div>`,
};

export const English: StoryObj = {
  render: () =>
    html`<dvc-id-number-field lang="en" name="f" label="Số định danh cá nhân" required ${ref(showErrors)}></dvc-id-number-field>`,
};
