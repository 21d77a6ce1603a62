/**
 * The shell's parts on their own: error summary, step progress, review list, receipt. The attachment and payment
 * parts have their own stories (attachment.stories.ts, payment.stories.ts).
 */
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { defineShellParts } from '../src/components/procedure-form/parts.js';

defineShellParts();

const meta: Meta = { title: 'Shell/Parts' };
export default meta;

export const ErrorSummary: StoryObj = {
  render: () =>
    html`<dvc-error-summary
      heading="Có lỗi cần sửa trước khi tiếp tục"
      .errors=${[
        { pointer: '/applicant/fullName', message: 'Nhập Họ và tên' },
        { pointer: '/applicant/dateOfBirth', message: 'Nhập Ngày sinh theo dạng ngày/tháng/năm, ví dụ 05/09/2024' },
      ]}
    ></dvc-error-summary>`,
};

export const StepProgress: StoryObj = {
  render: () =>
    html`<dvc-step-progress
      .steps=${['Người yêu cầu', 'Nội dung yêu cầu', 'Giấy tờ kèm theo', 'Kiểm tra lại thông tin']}
      current="1"
      label="Tiến trình khai hồ sơ"
      count-text="Bước 2 trên 4"
    ></dvc-step-progress>`,
};

export const ReviewList: StoryObj = {
  render: () =>
    html`<dvc-review-list
      .sections=${[
        {
          stepId: 'applicant',
          title: 'Người yêu cầu',
          rows: [
            {
              pointer: '/applicant/fullName',
              label: 'Họ, chữ đệm và tên khai sinh của người yêu cầu cấp phiếu lý lịch tư pháp',
              value: 'NGUYỄN THỊ MINH KHAI',
            },
            { pointer: '/applicant/dateOfBirth', label: 'Ngày sinh', value: '05/09/1990' },
            { pointer: '/applicant/email', label: 'Thư điện tử', value: '' },
          ],
        },
      ]}
    ></dvc-review-list>`,
};

export const Receipt: StoryObj = {
  render: () =>
    html`<dvc-receipt
      .receipt=${{
        code: '000.00.00.H30-250712-0001',
        appointmentDate: '2025-07-21',
        status: 'submitted',
        fee: { currency: 'VND', total: 200000, lines: [] },
        submittedAt: '2025-07-12T02:00:00Z',
      }}
    ></dvc-receipt>`,
};
