import { css } from 'lit';

/**
 * Styles shared by the shell's panels (`<dvc-procedure-form>`, `<dvc-payment>`): the host's type settings,
 * buttons (primary, `.secondary`, `.link`) with 44 px targets and a visible focus ring; and checkbox rows
 * (`checkStyles`, also used by `<dvc-attachment>`).
 * Every value comes from a `--dvc-*` token (see docs/theming.md).
 */
/** A checkbox row (`.check`): a 28 px box beside its label. */
export const checkStyles = css`
  .check {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    padding: 0.25rem 0;
  }
  .check input {
    inline-size: 28px;
    block-size: 28px;
    margin: 0;
    flex: none;
    accent-color: var(--dvc-color-primary, #0b5cab);
  }
`;

export const panelStyles = css`
  :host {
    display: block;
    color: var(--dvc-color-text, #1b1b1b);
    font-family: var(--dvc-font-family, system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    font-size: var(--dvc-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-block-size: 44px;
    min-inline-size: 44px;
    padding: 0.5rem 1.25rem;
    border-radius: var(--dvc-radius, 4px);
    border: 2px solid var(--dvc-color-primary, #0b5cab);
    background: var(--dvc-color-primary, #0b5cab);
    color: var(--dvc-color-on-primary, #fff);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
  }
  button.secondary {
    background: transparent;
    color: var(--dvc-color-primary, #0b5cab);
  }
  button.link {
    background: none;
    border: none;
    color: var(--dvc-color-primary, #0b5cab);
    text-decoration: underline;
    padding: 0.25rem;
    min-block-size: 24px;
    font-weight: 400;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button:focus-visible,
  a:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--dvc-color-focus, #ffbf47);
    outline-offset: 2px;
  }
`;
