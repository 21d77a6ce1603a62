/** Stories of <dvc-consent-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-consent-field.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const meta: Meta = { title: 'Fields/Consent field', component: 'dvc-consent-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-consent-field name="f" label="Tôi cam đoan" hint="Gợi ý cho người khai"></dvc-consent-field>`,
};

export const Prefilled: StoryObj = {
  render: () => html`<dvc-consent-field name="f" label="Tôi cam đoan" prefilled .checked=${true}></dvc-consent-field>`,
};

export const Invalid: StoryObj = {
  render: () => html`<dvc-consent-field name="f" label="Tôi cam đoan" required ${ref(showErrors)}></dvc-consent-field>`,
};

export const Disabled: StoryObj = {
  render: () => html`<dvc-consent-field name="f" label="Tôi cam đoan" disabled .checked=${true}></dvc-consent-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-consent-field
      name="f"
      required
      label="Tôi cam đoan của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
    ></dvc-consent-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-consent-field name="f" label="Tôi cam đoan" hint="Màn hình điện thoại 320 px" required ${ref(showErrors)}></dvc-consent-field>
    </div>`,
};

export const English: StoryObj = {
  render: () => html`<dvc-consent-field lang="en" name="f" label="Tôi cam đoan" required ${ref(showErrors)}></dvc-consent-field>`,
};
