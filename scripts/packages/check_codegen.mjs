// TypeScript code generators on the committed schemas, with the names they produce asserted
// (the schemas' titles name the types; nothing is renamed):
// - json-schema-to-typescript: AccountDetails / AccountDetailsRequest and the $defs titles;
//   a defaulted request property is optional.
// - openapi-typescript: components.schemas.AccountDetails, AccountDetailsRequest, DevicesByStatus,
//   ...; the request's score_type is optional (openapi-typescript's defaultNonNullable would make
//   a property with a `default` required).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import assert from "node:assert/strict";

const root = resolve(process.argv[2] ?? ".");
const require = createRequire(join(resolve(process.env.NODE_TOOLS), "node_modules") + "/");
const { compile } = require("json-schema-to-typescript");
const { default: openapiTS, astToString } = await import(
  require.resolve("openapi-typescript").replace(/\.cjs$/, ".mjs")
);

let checks = 0;
for (const dir of readdirSync(join(root, "schemas")).filter((d) => d.startsWith("v")).sort()) {
  for (const kind of ["response", "request"]) {
    for (const infix of ["", ".draft-07"]) {
      const file = join(root, "schemas", dir, `account-details.${kind}${infix}.schema.json`);
      if (!existsSync(file)) continue;
      const schema = JSON.parse(readFileSync(file, "utf8"));
      const ts = await compile(schema, "Unnamed", { bannerComment: "", additionalProperties: false, unknownAny: true });
      const expected = kind === "response" ? "AccountDetails" : "AccountDetailsRequest";
      assert.match(ts, new RegExp(`export interface ${expected} \\{`), `${file}: no ${expected}`);
      assert.doesNotMatch(ts, /Unnamed|Metaaccess|ApiVersion\d/, `${file}: a sentence-derived name`);
      for (const def of Object.keys(schema.$defs ?? schema.definitions ?? {})) {
        assert.match(ts, new RegExp(`export (interface|type) ${def}\\b`), `${file}: $def ${def}`);
      }
      if (kind === "request") assert.match(ts, /score_type\?: ScoreType/, `${file}: score_type optional`);
      checks++;
    }
  }
  const openapi = JSON.parse(readFileSync(join(root, "schemas", dir, "openapi.json"), "utf8"));
  const out = astToString(await openapiTS(openapi));
  assert.match(out, /^\s+AccountDetails: \{/m, `${dir} openapi: AccountDetails`);
  for (const name of Object.keys(openapi.components.schemas)) {
    assert.match(out, new RegExp(`^\\s+${name}: `, "m"), `${dir} openapi: ${name}`);
  }
  if (openapi.components.schemas.AccountDetailsRequest) {
    assert.match(out, /score_type\?: components\["schemas"\]\["ScoreType"\]/, `${dir} openapi: score_type optional`);
  }
  assert.doesNotMatch(out, /18446744073709551615/);
  checks++;
}
console.log(`code generators: ${checks} schemas generate the asserted type names (json-schema-to-typescript, openapi-typescript)`);
