/** Stories of <dvc-choice-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-choice-field.js';
import type { ChoiceOption } from '../../src/runtime/model.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const sex: ChoiceOption[] = [
  { value: 'male', label: { vi: 'Nam', en: 'Male' } },
  { value: 'female', label: { vi: 'Nữ', en: 'Female' } },
];

const meta: Meta = { title: 'Fields/Choice field', component: 'dvc-choice-field' };
export default meta;

export const Empty: StoryObj = {
  render: () => html`<dvc-choice-field name="f" label="Giới tính" hint="Gợi ý cho người khai" .options=${sex}></dvc-choice-field>`,
};

export const Prefilled: StoryObj = {
  render: () => html`<dvc-choice-field name="f" label="Giới tính" prefilled .value=${'female'} .options=${sex}></dvc-choice-field>`,
};

export const Invalid: StoryObj = {
  render: () => html`<dvc-choice-field name="f" label="Giới tính" required .options=${sex} ${ref(showErrors)}></dvc-choice-field>`,
};

export const Disabled: StoryObj = {
  render: () => html`<dvc-choice-field name="f" label="Giới tính" disabled .value=${'female'} .options=${sex}></dvc-choice-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-choice-field
      name="f"
      required
      label="Giới tính của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
      .options=${sex}
    ></dvc-choice-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-choice-field
        name="f"
        label="Giới tính"
        hint="Màn hình điện thoại 320 px"
        required
        .options=${sex}
        ${ref(showErrors)}
      ></dvc-choice-field>
    </div>`,
};

export const English: StoryObj = {
  render: () =>
    html`<dvc-choice-field lang="en" name="f" label="Giới tính" required .options=${sex} ${ref(showErrors)}></dvc-choice-field>`,
};
