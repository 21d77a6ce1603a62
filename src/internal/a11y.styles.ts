import { css } from 'lit';

/**
 * `.visually-hidden`: text for screen readers only (kept in the accessibility tree, not painted). The
 * `!important`s keep it hidden whatever element rules (a label's padding, a button's border) also match.
 */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    border: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
  }
`;
