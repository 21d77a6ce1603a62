/** Stories of <dvc-person-name-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-person-name-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Person name field', component: 'dvc-person-name-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-person-name-field name="f" label="Họ, chữ đệm và tên" hint="Gợi ý cho người khai"></dvc-person-name-field>`,
};

export const Prefilled: StoryObj = {
  render: () =>
    html`<dvc-person-name-field
      name="f"
      label="Họ, chữ đệm và tên"
      prefilled
      .value=${'NGUYỄN THỊ ÁNH'}
      uppercase
    ></dvc-person-name-field>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-person-name-field
      name="f"
      label="Họ, chữ đệm và tên"
      required
      .value=${'Trần Văn 2'}
      ${ref(showErrors)}
    ></dvc-person-name-field>`,
};

export const Disabled: StoryObj = {
  render: () =>
    html`<dvc-person-name-field name="f" label="Họ, chữ đệm và tên" disabled .value=${'NGUYỄN THỊ ÁNH'} uppercase></dvc-person-name-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-person-name-field
      name="f"
      required
      label="Họ, chữ đệm và tên của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-person-name-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-person-name-field
        name="f"
        label="Họ, chữ đệm và tên"
        hint="Màn hình điện thoại 320 px"
        required
        ${ref(showErrors)}
      ></dvc-person-name-field>
    </div>`,
};

export const English: StoryObj = {
  render: () =>
    html`<dvc-person-name-field lang="en" name="f" label="Họ, chữ đệm và tên" required ${ref(showErrors)}></dvc-person-name-field>`,
};
