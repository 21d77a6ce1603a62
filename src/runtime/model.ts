/**
 * The compiled UI model of a procedure: the contract between the compiler (which produces it from a
 * definition), the runtime and shell (which render and drive it) and the server (which computes fees
 * and checks rules with it). Plain JSON: no functions, no validation-only keywords.
 *
 * Conditions are never interpreted from schema at run time: every condition schema is compiled by ajv
 * into the procedure's `validator.js` and referenced here by id (`CondId`).
 */

/** Locales the SDK ships. Vietnamese is the default and always present. */
export type Locale = 'vi' | 'en';

/** A text in every supported locale; `vi` is always present, `en` falls back to `vi` when missing. */
export interface Text {
  vi: string;
  en?: string;
}

/** A JSON pointer (RFC 6901). In node trees it is relative to the enclosing data object or array row. */
export type Pointer = string;

/** Key of a compiled condition in the procedure validator's `conditions` map. */
export type CondId = string;

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Where the agency sits. */
export type AgencyLevel = 'commune' | 'province' | 'ministry';

/** How the citizen can receive the result. */
export type ResultDelivery = 'online' | 'post' | 'counter';

/** Procedure metadata, from `x-procedure`. */
export interface ProcedureMeta {
  /** National procedure code (mã thủ tục), e.g. `1.001193`. */
  code: string;
  /** Kebab-case name; the element tag is `dvc-<slug>`. */
  slug: string;
  /** Definition version (semver). */
  version: string;
  title: Text;
  description?: Text;
  agencyLevel: AgencyLevel;
  /** "Toàn trình": submit, pay and receive the result online. */
  fullyOnline: boolean;
  legalBasis: Text[];
  processingTime: { workingDays: number; note?: Text };
  resultDelivery: ResultDelivery[];
  /** What the citizen should have ready (shown on the "before you start" page). */
  requirements: Text[];
}

/** A choice of a single- or multiple-choice field. */
export interface ChoiceOption {
  value: string | number | boolean;
  label: Text;
}

/** Constraints copied from the schema, used for hints and input attributes (ajv remains the judge). */
export interface Constraints {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  formatMinimum?: string;
  formatMaximum?: string;
}

/** JSON type of the value a node holds. */
export type ValueType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';

interface NodeBase {
  /** Property name in the enclosing object; `''` for the root and for array items. */
  key: string;
  /** Absolute pointer template, array rows written as `-` (e.g. `/residenceHistory/-/from`): for ids, messages and server errors. */
  path: string;
  label: Text;
  hint?: Text;
  /** Required by the enclosing object's `required` (unconditionally). */
  required: boolean;
  /** Shown only while this condition (evaluated on the whole dossier) holds: from `x-visible-when`. */
  visibleWhen?: CondId;
  /** Never written to drafts (`x-sensitive`). */
  sensitive?: boolean;
}

/** A single control: text, date, choice, ID number, address (an object value) or multi-choice (an array value). */
export interface FieldNode extends NodeBase {
  kind: 'field';
  valueType: ValueType;
  /** Widget name chosen for the node (`x-widget` or the registry's highest-ranked match). */
  widget: string;
  /** Custom-element tag that renders the widget. */
  tag: string;
  widgetOptions?: Record<string, JsonValue>;
  format?: string;
  options?: ChoiceOption[];
  constraints: Constraints;
  /** Prefill source key, e.g. `citizen.fullName`. */
  prefill?: string;
  readOnly?: boolean;
  default?: JsonValue;
}

/** A conditional from `if`/`then`/`else` or `dependentRequired`, evaluated on the enclosing object. */
export interface Conditional {
  /** Condition id (compiled `if` schema, evaluated on the enclosing object's value). For `dependentRequired`, absent. */
  if?: CondId;
  /** For `dependentRequired`: the branch applies while this key is present and not empty. */
  whenPresent?: string;
  /** Keys shown and/or required while the condition holds. */
  then: { show: string[]; require: string[] };
  /** Keys shown and/or required while it does not hold. */
  else: { show: string[]; require: string[] };
}

/** A nested object rendered as a fieldset (or as a composite field, see FieldNode). */
export interface GroupNode extends NodeBase {
  kind: 'group';
  tag: string;
  /** Children in display order; includes properties declared only in conditional branches. */
  children: ModelNode[];
  conditionals: Conditional[];
}

/** An array of objects (or scalars) rendered as a repeating group. */
export interface ArrayNode extends NodeBase {
  kind: 'array';
  tag: string;
  /** The node of one row; its `key` is `''`. */
  item: ModelNode;
  minItems: number;
  maxItems?: number;
  /** Label of the "add" button, e.g. "Thêm nơi cư trú". */
  addLabel?: Text;
}

export type ModelNode = FieldNode | GroupNode | ArrayNode;

/** One step of the form. */
export interface StepModel {
  id: string;
  title: Text;
  description?: Text;
  /** Absolute pointers (no `-`) of the data nodes shown in this step, in order. */
  fields: Pointer[];
  visibleWhen?: CondId;
}

/** An attachment the dossier needs. */
export interface AttachmentModel {
  id: string;
  title: Text;
  description?: Text;
  required: boolean;
  /** Required while this condition (whole dossier) holds. */
  requiredWhen?: CondId;
  accept: string[];
  maxSizeMB: number;
  maxFiles: number;
  /** Type of a reusable digitised document (kho dữ liệu) that can stand in for an upload. */
  documentType?: string;
}

/** One line of the fee. */
export interface FeeLine {
  id: string;
  title: Text;
  /** Cases, first match wins; a case without `when` always matches. No match: the line is 0. */
  cases: Array<{ when?: CondId; amount: number; note?: Text }>;
  /** Multiplies the amount by the integer at `field` (absolute pointer) plus `offset`, clamped at 0. */
  quantity?: { field: Pointer; offset: number };
  /** What the same line costs at the counter (informative: shows the online saving). */
  counterAmount?: number;
}

export interface FeeModel {
  currency: 'VND';
  lines: FeeLine[];
}

/** A cross-field rule. Pointers are absolute (`-` for "every row"). */
export type RuleModel = RuleBase &
  (
    | { kind: 'minAge'; date: Pointer; years: number; on?: Pointer }
    | { kind: 'dateOrder'; earlier: Pointer; later: Pointer; allowEqual?: boolean }
    | { kind: 'noGaps'; array: Pointer; from: string; to: string }
    | {
        kind: 'idNumberMatches';
        /** The ID number field (named `idNumber`, not `id`, which is the rule's own id). */ idNumber: Pointer;
        birthDate: Pointer;
        sex?: Pointer;
      }
  );

export interface RuleBase {
  id: string;
  severity: 'error' | 'warning';
  message: Text;
  when?: CondId;
}

/** The whole compiled model of one procedure. */
export interface FormModel {
  /** Model format version. */
  modelVersion: 1;
  procedure: ProcedureMeta;
  /** Custom-element tag of the compiled element: `dvc-<slug>`. */
  tag: string;
  /** The data tree; `root.path` is `''`. */
  root: GroupNode;
  steps: StepModel[];
  attachments: AttachmentModel[];
  fees?: FeeModel;
  rules: RuleModel[];
}

/** One ajv-style validation error (the subset the runtime relies on). */
export interface ValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled ajv validator function. */
export interface ValidateFn {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

/** What a procedure's `validator.js` exports. */
export interface CompiledValidator {
  validate: ValidateFn;
  conditions: Record<CondId, ValidateFn>;
}
