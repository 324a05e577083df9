// Peer: validates each NDJSON line against committed response schemas with ajv (Draft
// 2020-12, formats on). VERSIONS is `all` (every version in SCHEMAS_DIR, as
// `metaaccess-account validate` checks them) or a comma-separated list such as `3.1`. Every
// schema is evaluated on every line (auto-detecting `validate` also reports every version that
// accepts a record); a line counts as valid when one of them accepts it.
//   node peer-ajv.mjs SCHEMAS_DIR VERSIONS CORPUS
import { readFileSync, readdirSync, existsSync, createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(process.env.BENCH_NODE_MODULES + "/");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");

const [schemasDir, versions, corpus] = process.argv.slice(2);
if (!corpus) {
  console.error("usage: node peer-ajv.mjs SCHEMAS_DIR VERSIONS CORPUS");
  process.exit(2);
}
const schemaFile = (dir) => `${schemasDir}/${dir}/account-details.response.schema.json`;
const dirs =
  versions === "all"
    ? readdirSync(schemasDir).filter((d) => /^v\d/.test(d) && existsSync(schemaFile(d))).sort()
    : versions.split(",").map((v) => `v${v}`);
if (dirs.length === 0) {
  console.error(`no schemas for ${versions} in ${schemasDir}`);
  process.exit(2);
}
const ajv = new Ajv2020({ strict: true, allErrors: false });
addFormats(ajv);
const validators = dirs.map((d) => ajv.compile(JSON.parse(readFileSync(schemaFile(d), "utf8"))));
let valid = 0, invalid = 0;
const lines = createInterface({ input: createReadStream(corpus), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let doc;
  try { doc = JSON.parse(line); } catch { invalid++; continue; }
  let accepted = 0;
  for (const v of validators) if (v(doc)) accepted++;
  if (accepted > 0) valid++; else invalid++;
}
console.log(`${valid} valid, ${invalid} not valid for any of ${dirs.join(" ")}`);
