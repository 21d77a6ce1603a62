/** Version of the SDK build, compared by `define()` when a tag is already registered. Keep equal to package.json. */
export const SDK_VERSION = '0.1.0';
