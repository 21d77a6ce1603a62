/** Stories of <dvc-address-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-address-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Address field', component: 'dvc-address-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-address-field name="f" label="Nơi thường trú" hint="Gợi ý cho người khai"></dvc-address-field>`,
};

export const Prefilled: StoryObj = {
  render: () =>
    html`<dvc-address-field
      name="f"
      label="Nơi thường trú"
      prefilled
      .value=${{ country: 'VN', province: '01', commune: '00004', street: 'Số 1 phố Hoàng Hoa Thám' }}
    ></dvc-address-field>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-address-field
      name="f"
      label="Nơi thường trú"
      required
      .value=${{ country: 'VN', province: '01', commune: '', street: '' }}
      ${ref(showErrors)}
    ></dvc-address-field>`,
};

export const Disabled: StoryObj = {
  render: () =>
    html`<dvc-address-field
      name="f"
      label="Nơi thường trú"
      disabled
      .value=${{ country: 'VN', province: '01', commune: '00004', street: 'Số 1 phố Hoàng Hoa Thám' }}
    ></dvc-address-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-address-field
      name="f"
      required
      label="Nơi thường trú của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-address-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-address-field name="f" label="Nơi thường trú" hint="Màn hình điện thoại 320 px" required ${ref(showErrors)}></dvc-address-field>
    </div>`,
};

export const English: StoryObj = {
  render: () => html`<dvc-address-field lang="en" name="f" label="Nơi thường trú" required ${ref(showErrors)}></dvc-address-field>`,
};
