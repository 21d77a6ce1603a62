/** JSON value helpers of the compiler. (JSON pointers are the runtime's: dvc-forms/runtime/pointer.js.) */

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
