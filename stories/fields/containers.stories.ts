/** Stories of <dvc-fieldset> and <dvc-repeating-group>. */
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../../src/define/dvc-fieldset.js';
import '../../src/define/dvc-repeating-group.js';
import '../../src/define/dvc-text-field.js';
import '../../src/define/dvc-date-field.js';
import type { DvcRepeatingGroup, DvcRowsChangeEvent } from '../../src/components/repeating-group/repeating-group.js';

const meta: Meta = { title: 'Fields/Containers', component: 'dvc-repeating-group' };
export default meta;

export const Fieldset: StoryObj = {
  render: () =>
    html`<dvc-fieldset label="Thông tin người mẹ" hint="Ghi theo giấy tờ tùy thân của người mẹ">
      <dvc-text-field name="motherName" label="Họ, chữ đệm và tên"></dvc-text-field>
      <dvc-date-field name="motherBirth" label="Ngày sinh"></dvc-date-field>
    </dvc-fieldset>`,
};

/** A disabled group: every field inside is disabled, as under a native `<fieldset disabled>`. */
export const FieldsetDisabled: StoryObj = {
  render: () =>
    html`<dvc-fieldset disabled label="Thông tin người mẹ" hint="Đã khóa: hồ sơ đang được xử lý">
      <dvc-text-field name="motherName" label="Họ, chữ đệm và tên" value="Nguyễn Thị Hoa"></dvc-text-field>
      <dvc-date-field name="motherBirth" label="Ngày sinh" value="1990-03-12"></dvc-date-field>
    </dvc-fieldset>`,
};

/** A residence history: the story keeps the rows' data like the shell does. */
function residence(initial: Array<{ from: string; place: string }>, opts: { min?: number; max?: number; narrow?: boolean } = {}) {
  const rows = initial.map((r) => ({ ...r }));
  const setup = (group: DvcRepeatingGroup): void => {
    group.addEventListener('dvc-rows-change', (e: DvcRowsChangeEvent) => {
      const d = e.detail;
      if (d.action === 'add') rows.push({ from: '', place: '' });
      if (d.action === 'remove') rows.splice(d.index, 1);
      if (d.action === 'move') rows.splice(d.to!, 0, ...rows.splice(d.index, 1));
    });
    group.renderRow = (i) =>
      html` <dvc-date-field
          label="Từ ngày"
          .value=${rows[i]?.from ?? ''}
          @input=${(e: Event) => (rows[i]!.from = (e.target as HTMLInputElement).value)}
        ></dvc-date-field>
        <dvc-text-field
          label="Nơi cư trú"
          .value=${rows[i]?.place ?? ''}
          @input=${(e: Event) => (rows[i]!.place = (e.target as HTMLInputElement).value)}
        ></dvc-text-field>`;
    group.count = rows.length;
  };
  const group = html`<dvc-repeating-group
    label="Quá trình cư trú từ 14 tuổi"
    hint="Ghi liên tục, không để trống khoảng thời gian nào"
    add-label="Thêm nơi cư trú"
    min=${opts.min ?? 0}
    max=${opts.max ?? 20}
    ${ref((el) => el && setup(el as DvcRepeatingGroup))}
  ></dvc-repeating-group>`;
  return opts.narrow
    ? html`<div style="inline-size: 320px; outline: 1px dashed #999; padding: 8px; box-sizing: border-box">${group}</div>`
    : group;
}

export const RepeatingGroupEmpty: StoryObj = { render: () => residence([]) };
export const RepeatingGroupRows: StoryObj = {
  render: () =>
    residence(
      [
        { from: '2008-09-01', place: 'Xã Tân Lập, tỉnh Phú Thọ' },
        { from: '2015-06-15', place: 'Phường Ba Đình, Hà Nội' },
      ],
      { min: 1 },
    ),
};
export const RepeatingGroupAtMax: StoryObj = {
  render: () =>
    residence(
      [
        { from: '2008-09-01', place: 'A' },
        { from: '2010-01-01', place: 'B' },
      ],
      { max: 2 },
    ),
};
export const RepeatingGroupNarrow320: StoryObj = {
  render: () => residence([{ from: '2008-09-01', place: 'Xã Tân Lập, tỉnh Phú Thọ' }], { narrow: true }),
};
