import { css } from 'lit';
import { fieldStyles } from '../../internal/field.styles.js';
import { checkStyles } from '../../internal/panel.styles.js';

/**
 * Styles of `<dvc-attachment>`.
 *
 * @cssproperty --dvc-color-primary - Buttons and the progress bar.
 * @cssproperty --dvc-color-on-primary - Text on primary buttons.
 * @cssproperty --dvc-attachment-border - Border of the attachment block.
 */
export const styles = [
  fieldStyles,
  checkStyles,
  css`
    fieldset.attachment {
      border: var(--dvc-attachment-border, 1px solid var(--dvc-color-border, #b1b4b6));
      border-radius: var(--dvc-radius, 4px);
      padding: 0.75rem 1rem 1rem;
      margin: 0;
      min-inline-size: 0;
    }
    fieldset.attachment.has-error {
      border: 3px solid var(--dvc-color-error, #b3261e);
      padding-inline-start: 1rem;
    }
    legend {
      font-weight: 700;
      padding-inline: 0.25rem;
      overflow-wrap: anywhere;
    }
    .need {
      font-weight: 400;
    }
    p {
      margin: 0;
    }
    .rejections {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .pickers {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-block-start: 0.25rem;
    }
    .button,
    button {
      font: inherit;
      font-weight: 600;
      min-block-size: 44px;
      min-inline-size: 44px;
      padding: 0.5rem 1.25rem;
      border-radius: var(--dvc-radius, 4px);
      border: 2px solid var(--dvc-color-primary, #0b5cab);
      background: transparent;
      color: var(--dvc-color-primary, #0b5cab);
      cursor: pointer;
      display: inline-flex;
      align-items: center;
      max-inline-size: 100%;
      overflow-wrap: anywhere;
    }
    button.link {
      border: none;
      text-decoration: underline;
      padding: 0.25rem;
      min-block-size: 24px;
      font-weight: 400;
    }
    label.file {
      position: relative;
    }
    label.file.disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
    label.file input {
      position: absolute;
      inset: 0;
      opacity: 0;
      inline-size: 100%;
      block-size: 100%;
      cursor: inherit;
    }
    label.file:focus-within {
      outline: 3px solid var(--dvc-color-focus, #ffbf47);
      outline-offset: 2px;
    }
    .files {
      list-style: none;
      padding: 0;
      margin: 0.5rem 0 0;
    }
    .files li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      padding: 0.25rem 0;
      overflow-wrap: anywhere;
    }
    .files li.failed,
    .files li.waiting {
      color: var(--dvc-color-error, #b3261e);
    }
    progress {
      inline-size: 8rem;
      accent-color: var(--dvc-color-primary, #0b5cab);
    }
    @media (max-width: 480px) {
      .pickers .button {
        flex: 1 1 100%;
        justify-content: center;
      }
    }
  `,
];
