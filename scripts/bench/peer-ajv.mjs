// Peer: validates each NDJSON line against the committed response schemas with ajv (Draft
// 2020-12, formats on), checking every version as `metaaccess-account validate` does.
// node peer-ajv.mjs SCHEMAS_DIR CORPUS
import { readFileSync, createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(process.env.BENCH_NODE_MODULES + "/");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");

const [schemasDir, corpus] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: false });
addFormats(ajv);
const validators = ["v2.0", "v3.0", "v3.1", "v3.2"].map((v) =>
  ajv.compile(JSON.parse(readFileSync(`${schemasDir}/${v}/account-details.response.schema.json`, "utf8"))),
);
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
console.log(`${valid} valid, ${invalid} not valid for any version`);
