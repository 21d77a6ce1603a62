/** Stories of <dvc-text-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-text-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Text field', component: 'dvc-text-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-text-field name="f" label="Nơi công tác" hint="Gợi ý cho người khai"></dvc-text-field>`,
};

export const Prefilled: StoryObj = {
  render: () => html`<dvc-text-field name="f" label="Nơi công tác" prefilled .value=${'Ủy ban nhân dân xã Tân Lập'}></dvc-text-field>`,
};

export const Invalid: StoryObj = {
  render: () => html`<dvc-text-field name="f" label="Nơi công tác" required ${ref(showErrors)}></dvc-text-field>`,
};

export const Disabled: StoryObj = {
  render: () => html`<dvc-text-field name="f" label="Nơi công tác" disabled .value=${'Ủy ban nhân dân xã Tân Lập'}></dvc-text-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-text-field
      name="f"
      required
      label="Nơi công tác của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-text-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-text-field name="f" label="Nơi công tác" hint="Màn hình điện thoại 320 px" required ${ref(showErrors)}></dvc-text-field>
    </div>`,
};

export const English: StoryObj = {
  render: () => html`<dvc-text-field lang="en" name="f" label="Nơi công tác" required ${ref(showErrors)}></dvc-text-field>`,
};
