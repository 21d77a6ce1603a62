import { expect, html, elementUpdated, waitUntil } from '@open-wc/testing';
import { mount } from './control-suite.js';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define/dvc-repeating-group.js';
import '../../../src/define/dvc-fieldset.js';
import '../../../src/define/dvc-text-field.js';
import type { DvcRepeatingGroup, DvcRowsChangeEvent } from '../../../src/components/repeating-group/repeating-group.js';
import type { DvcTextField } from '../../../src/components/text-field/text-field.js';
import type { DvcFieldset } from '../../../src/components/fieldset/fieldset.js';

/** A minimal shell: holds the rows' data and applies the group's changes to it. */
async function shell(initial: string[], opts: { min?: number; max?: number } = {}) {
  const data = [...initial];
  const form = await mount<HTMLFormElement>(
    html`<form><dvc-repeating-group label="Nơi cư trú" min=${opts.min ?? 0} max=${opts.max ?? 10}></dvc-repeating-group></form>`,
  );
  const group = form.querySelector('dvc-repeating-group') as DvcRepeatingGroup;
  group.addEventListener('dvc-rows-change', (e: DvcRowsChangeEvent) => {
    const d = e.detail;
    if (d.action === 'add') data.push('');
    if (d.action === 'remove') data.splice(d.index, 1);
    if (d.action === 'move') data.splice(d.to!, 0, ...data.splice(d.index, 1));
  });
  group.renderRow = (i) =>
    html`<dvc-text-field
      name="place-${i}"
      label="Địa chỉ"
      .value=${data[i] ?? ''}
      @input=${(e: Event) => (data[i] = (e.target as DvcTextField).value)}
    ></dvc-text-field>`;
  group.count = data.length;
  await elementUpdated(group);
  return { form, group, data };
}

const buttons = (g: DvcRepeatingGroup) =>
  [...g.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
const fields = (g: DvcRepeatingGroup) => [...g.querySelectorAll('dvc-text-field')] as DvcTextField[];

describe('<dvc-repeating-group>', () => {
  it('renders rows through renderRow in light DOM, so the fields submit with the form', async () => {
    const { form, group } = await shell(['Hà Nội', 'Huế']);
    expect(fields(group).map((f) => f.value)).to.deep.equal(['Hà Nội', 'Huế']);
    const fd = new FormData(form);
    expect([fd.get('place-0'), fd.get('place-1')]).to.deep.equal(['Hà Nội', 'Huế']);
    expect(buttons(group)).to.include.members(['↑ Chuyển dòng 1 lên', '↓ Chuyển dòng 2 xuống', 'Xoá dòng 1', 'Xoá dòng 2', 'Thêm dòng']);
    await expect(group).to.be.accessible();
  });

  it('adds a row from the keyboard, focuses its first field and announces it', async () => {
    const { group, data } = await shell(['Hà Nội']);
    (group.shadowRoot!.querySelector('button.add') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await elementUpdated(group);
    await waitUntil(() => document.activeElement === fields(group)[1], 'focus moves into the new row');
    expect(group.count).to.equal(2);
    expect(data).to.deep.equal(['Hà Nội', '']);
    const second = fields(group)[1]!;
    expect(document.activeElement === second, 'document.activeElement is second').to.equal(true);
    await sendKeys({ type: 'Đà Nẵng' });
    expect(data).to.deep.equal(['Hà Nội', 'Đà Nẵng']);
    await waitUntil(
      () => group.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Đã thêm dòng 2'),
      'announces the new row',
    );
  });

  it('moves a row up with the keyboard, keeps focus on the moved row and the data in order', async () => {
    const { group, data } = await shell(['A', 'B', 'C']);
    const up = group.shadowRoot!.querySelector('[data-row="2"] button.move-up') as HTMLButtonElement;
    up.focus();
    await sendKeys({ press: 'Enter' });
    await elementUpdated(group);
    expect(data).to.deep.equal(['A', 'C', 'B']);
    expect(fields(group).map((f) => f.value)).to.deep.equal(['A', 'C', 'B']);
    expect(
      group.shadowRoot!.activeElement === group.shadowRoot!.querySelector('[data-row="1"] button.move-up'),
      'group.shadowRoot!.activeElement is group.shadowRoot!.querySelector([data-ro',
    ).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await elementUpdated(group);
    expect(data).to.deep.equal(['C', 'A', 'B']);
    // At the top, "move up" is aria-disabled and focus goes to "move down" of the same row.
    expect(
      group.shadowRoot!.activeElement === group.shadowRoot!.querySelector('[data-row="0"] button.move-down'),
      'group.shadowRoot!.activeElement is group.shadowRoot!.querySelector([data-ro',
    ).to.equal(true);
    await waitUntil(
      () => group.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Đã chuyển dòng 2 sang vị trí 1'),
      'announces the move',
    );
  });

  it("keeps a field's typed state with its row when rows move", async () => {
    const { group } = await shell(['A', 'B']);
    const second = fields(group)[1]!;
    group.moveRow(1, 0);
    await elementUpdated(group);
    expect(fields(group)[0] === second, 'fields(group)[0] is second').to.equal(true);
  });

  it('removes a row from the keyboard and moves focus to the row now in its place', async () => {
    const { group, data } = await shell(['A', 'B', 'C']);
    (group.shadowRoot!.querySelector('[data-row="1"] button.remove') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Space' });
    await elementUpdated(group);
    expect(data).to.deep.equal(['A', 'C']);
    expect(fields(group).map((f) => f.value)).to.deep.equal(['A', 'C']);
    const title = group.shadowRoot!.querySelector('[data-row="1"] .row-title');
    expect(group.shadowRoot!.activeElement === title, 'group.shadowRoot!.activeElement is title').to.equal(true);
    expect(title!.textContent).to.contain('dòng 2');
  });

  it('respects min and max rows', async () => {
    const { group } = await shell(['A'], { min: 1, max: 2 });
    expect(group.shadowRoot!.querySelector('button.remove')).to.equal(null);
    expect(group.removeRow(0)).to.equal(false);
    expect(group.addRow()).to.equal(true);
    await elementUpdated(group);
    expect(group.shadowRoot!.querySelector('button.add')).to.equal(null);
    expect(group.addRow()).to.equal(false);
    expect(group.shadowRoot!.querySelectorAll('button.remove').length).to.equal(2);
  });

  it('lets the shell refuse a change', async () => {
    const { group } = await shell(['A']);
    group.addEventListener('dvc-rows-change', (e) => e.preventDefault());
    expect(group.addRow()).to.equal(false);
    expect(group.count).to.equal(1);
  });

  it('works with slotted rows', async () => {
    const group = await mount<DvcRepeatingGroup>(
      html`<dvc-repeating-group label="Thành viên">
        <div><dvc-text-field label="Họ tên" value="An"></dvc-text-field></div>
        <div><dvc-text-field label="Họ tên" value="Bình"></dvc-text-field></div>
      </dvc-repeating-group>`,
    );
    group.addEventListener('dvc-rows-change', (e: DvcRowsChangeEvent) => {
      if (e.detail.action === 'move') group.insertBefore(group.children[e.detail.index]!, group.children[e.detail.to!]!);
    });
    expect(group.rowCount).to.equal(2);
    const slot = group.shadowRoot!.querySelector('slot[name="row-1"]') as HTMLSlotElement;
    expect((slot.assignedElements()[0]!.firstElementChild as DvcTextField).value).to.equal('Bình');
    group.moveRow(1, 0);
    await elementUpdated(group);
    await waitUntil(() => group.children[0]!.getAttribute('slot') === 'row-0');
    expect((group.children[0]!.firstElementChild as DvcTextField).value).to.equal('Bình');
    expect(group.children[0]!.getAttribute('slot')).to.equal('row-0');
    await expect(group).to.be.accessible();
  });
});

describe('<dvc-fieldset>', () => {
  it('groups slotted fields under a legend', async () => {
    const el = await mount(
      html`<dvc-fieldset label="Thông tin người mẹ" hint="Ghi theo giấy tờ tuỳ thân">
        <dvc-text-field label="Họ và tên"></dvc-text-field>
      </dvc-fieldset>`,
    );
    const fs = el.shadowRoot!.querySelector('fieldset')!;
    expect(fs.querySelector('legend')!.textContent).to.equal('Thông tin người mẹ');
    expect(fs.getAttribute('aria-describedby')).to.equal('hint');
    await expect(el).to.be.accessible();
  });

  it('disabled disables the slotted fields like a native disabled fieldset: not submitted, not validated', async () => {
    const form = await mount<HTMLFormElement>(
      html`<form>
        <dvc-fieldset label="Người mẹ">
          <dvc-text-field name="a" label="Họ và tên" required value="Hoa"></dvc-text-field>
          <dvc-text-field name="b" label="Nghề nghiệp" required></dvc-text-field>
        </dvc-fieldset>
      </form>`,
    );
    const group = form.querySelector('dvc-fieldset')!;
    const [a, b] = [...form.querySelectorAll('dvc-text-field')] as DvcTextField[];
    expect(form.checkValidity()).to.equal(false);
    group.disabled = true;
    await elementUpdated(group);
    expect(a!.disabled && b!.disabled).to.equal(true);
    expect([...new FormData(form).keys()]).to.deep.equal([]);
    expect(form.checkValidity()).to.equal(true);
    expect(group.shadowRoot!.querySelector('fieldset')!.disabled).to.equal(true);
    await expect(group).to.be.accessible();
  });

  it('disables fields added while disabled, and re-enables only what it disabled', async () => {
    const group = await mount<DvcFieldset>(
      html`<dvc-fieldset label="Người mẹ" disabled>
        <dvc-text-field name="a" label="Họ và tên"></dvc-text-field>
        <dvc-text-field name="own" label="Số định danh" disabled></dvc-text-field>
      </dvc-fieldset>`,
    );
    const added = document.createElement('dvc-text-field') as DvcTextField;
    added.label = 'Dân tộc';
    group.append(added);
    await waitUntil(() => added.disabled, 'a field added while disabled is disabled');
    group.disabled = false;
    await elementUpdated(group);
    const [a, own] = [...group.querySelectorAll('dvc-text-field')] as DvcTextField[];
    expect(a!.disabled).to.equal(false);
    expect(added.disabled).to.equal(false);
    expect(own!.disabled, 'a field disabled on its own stays disabled').to.equal(true);
  });

  it('keyboard: Tab skips the fields of a disabled group', async () => {
    const wrap = await mount(
      html`<div>
        <button id="before">trước</button>
        <dvc-fieldset label="Người mẹ" disabled><dvc-text-field name="a" label="Họ và tên"></dvc-text-field></dvc-fieldset>
        <button id="after">sau</button>
      </div>`,
    );
    (wrap.querySelector('#before') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.id).to.equal('after');
  });
});
