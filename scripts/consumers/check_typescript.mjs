// A code generator as a consumer: json-schema-to-typescript turns each response schema into
// TypeScript types, and every valid fixture must type-check against them (tsc --strict).
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.env.CONSUMERS_DIR, "node_modules") + "/");
const { compile } = require("json-schema-to-typescript");

const root = process.argv[2] ?? ".";
const out = join(process.env.CONSUMERS_DIR, "ts");
mkdirSync(out, { recursive: true });
const checks = [];
for (const version of readdirSync(join(root, "schemas")).filter((d) => d.startsWith("v")).sort()) {
  const module = version.replace(/[^a-z0-9]/gi, "_");
  for (const kind of ["response", "request"]) {
    let schema;
    try { schema = JSON.parse(readFileSync(join(root, "schemas", version, `account-details.${kind}.schema.json`), "utf8")); }
    catch { continue; }
    const typeName = kind === "response" ? "AccountDetails" : "AccountDetailsRequest";
    // The schema's title names the type; nothing is renamed, and the name is asserted.
    const ts = await compile(schema, "Unnamed", { bannerComment: "", additionalProperties: false, unknownAny: true });
    if (!ts.includes(`export interface ${typeName} {`)) {
      throw new Error(`schemas/${version}/account-details.${kind}.schema.json: json-schema-to-typescript did not name the type ${typeName}`);
    }
    writeFileSync(join(out, `${module}_${kind}.ts`), ts);
    const dir = join(root, "crates", `metaaccess-account-${version.replace(".", "_")}`, "fixtures", kind, "valid");
    for (const fixture of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
      const doc = readFileSync(join(dir, fixture), "utf8");
      checks.push(`import type { ${typeName} as T${checks.length} } from "./${module}_${kind}";\nexport const f${checks.length}: T${checks.length} = ${doc.trim()};\n`);
    }
  }
}
writeFileSync(join(out, "fixtures.ts"), checks.join("\n"));
console.log(`json-schema-to-typescript: ${checks.length} valid fixtures to type-check in ${out}`);
