/** Stories of <dvc-multi-choice-field>: one per state a reviewer checks. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-multi-choice-field.js';
import type { ChoiceOption } from '../../src/runtime/model.js';

/** Shows the field's errors as after a submitted step. */
const showErrors = (el?: Element): void => {
  if (el) void customElements.whenDefined(el.localName).then(() => (el as unknown as { showErrors(): void }).showErrors());
};

const purposes: ChoiceOption[] = [
  { value: 'work', label: { vi: 'Bổ sung hồ sơ xin việc', en: 'Job application' } },
  { value: 'study', label: { vi: 'Du học', en: 'Study abroad' } },
  { value: 'residence', label: { vi: 'Xin thường trú ở nước ngoài', en: 'Residence abroad' } },
  { value: 'other', label: { vi: 'Mục đích khác', en: 'Other' } },
];

const meta: Meta = { title: 'Fields/Multi-choice field', component: 'dvc-multi-choice-field' };
export default meta;

export const Empty: StoryObj = {
  render: () =>
    html`<dvc-multi-choice-field
      name="f"
      label="Mục đích sử dụng"
      hint="Gợi ý cho người khai"
      .options=${purposes}
    ></dvc-multi-choice-field>`,
};

export const Prefilled: StoryObj = {
  render: () =>
    html`<dvc-multi-choice-field
      name="f"
      label="Mục đích sử dụng"
      prefilled
      .value=${['work']}
      .options=${purposes}
    ></dvc-multi-choice-field>`,
};

export const Invalid: StoryObj = {
  render: () =>
    html`<dvc-multi-choice-field
      name="f"
      label="Mục đích sử dụng"
      required
      .options=${purposes}
      ${ref(showErrors)}
    ></dvc-multi-choice-field>`,
};

export const Disabled: StoryObj = {
  render: () =>
    html`<dvc-multi-choice-field
      name="f"
      label="Mục đích sử dụng"
      disabled
      .value=${['work']}
      .options=${purposes}
    ></dvc-multi-choice-field>`,
};

export const LongVietnameseLabel: StoryObj = {
  render: () =>
    html`<dvc-multi-choice-field
      name="f"
      required
      label="Mục đích sử dụng của người được đề nghị cấp Phiếu lý lịch tư pháp theo giấy tờ tùy thân còn hiệu lực (căn cước công dân, hộ chiếu)"
      hint="Ghi đầy đủ, có dấu, đúng như trên giấy tờ. Nếu không nhớ chính xác, hãy kiểm tra trên ứng dụng định danh điện tử VNeID trước khi khai."
      .options=${purposes}
    ></dvc-multi-choice-field>`,
};

export const Narrow320: StoryObj = {
  render: () =>
    html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">
      <dvc-multi-choice-field
        name="f"
        label="Mục đích sử dụng"
        hint="Màn hình điện thoại 320 px"
        required
        .options=${purposes}
        ${ref(showErrors)}
      ></dvc-multi-choice-field>
    </div>`,
};

export const English: StoryObj = {
  render: () =>
    html`<dvc-multi-choice-field
      lang="en"
      name="f"
      label="Mục đích sử dụng"
      required
      .options=${purposes}
      ${ref(showErrors)}
    ></dvc-multi-choice-field>`,
};
