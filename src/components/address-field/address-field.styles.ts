import { css } from 'lit';
import { fieldStyles } from '../../internal/field.styles.js';

/**
 * Styles of `<dvc-address-field>`.
 * @cssproperty --dvc-address-listbox-max-height - Height of the open list.
 */
export const styles = [
  fieldStyles,
  css`
    .parts {
      display: grid;
      gap: 0.75rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    }
    .street {
      grid-column: 1 / -1;
    }
    .sub-label {
      display: block;
      margin-block-end: 0.25rem;
    }
    .combobox-wrap {
      position: relative;
    }
    .listbox {
      position: absolute;
      z-index: 10;
      inset-inline: 0;
      margin: 0.125rem 0 0;
      padding: 0.25rem 0;
      list-style: none;
      max-block-size: var(--dvc-address-listbox-max-height, 16rem);
      overflow-y: auto;
      background: var(--dvc-color-surface, #fff);
      border: 2px solid var(--dvc-color-border, #4d5156);
      border-radius: var(--dvc-radius, 4px);
      box-shadow: 0 4px 12px rgb(0 0 0 / 20%);
    }
    .option-item {
      padding: 0.5rem 0.75rem;
      min-block-size: 2.75rem;
      display: flex;
      align-items: center;
      cursor: pointer;
      overflow-wrap: anywhere;
    }
    .option-item[aria-selected='true'] {
      font-weight: 600;
    }
    .option-item.active,
    .option-item:hover {
      background: var(--dvc-color-accent, #1d4f91);
      color: var(--dvc-color-on-accent, #fff);
    }
    .loading {
      color: var(--dvc-color-muted, #505a5f);
    }
  `,
];
