// ESM entry of the ajv setup.
import cjs from "./ajv.cjs";
export const { createAjv, validator } = cjs;
export default cjs;
