// ESM entry: the CommonJS implementation, re-exported.
import cjs from "./index.cjs";
export const { versions, latest, packageVersion, schemaPath, schema, schemaId, allSchemas } = cjs;
export default cjs;
