// ajv as a consumer: every schema file compiles in strict mode and gives each fixture the
// verdict of its folder (valid/ or invalid/).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.env.CONSUMERS_DIR, "node_modules") + "/");
const Ajv2020 = require("ajv/dist/2020").default;
const Ajv07 = require("ajv").default;
const addFormats = require("ajv-formats");

const root = process.argv[2] ?? ".";
let checked = 0, failures = 0;
for (const version of readdirSync(join(root, "schemas")).filter((d) => d.startsWith("v")).sort()) {
  for (const file of readdirSync(join(root, "schemas", version)).filter((f) => f.endsWith(".schema.json")).sort()) {
    const kind = file.split(".")[1];
    const ajv = file.includes("draft-07") ? new Ajv07({ strict: true }) : new Ajv2020({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(root, "schemas", version, file), "utf8")));
    for (const split of ["valid", "invalid"]) {
      const dir = join(root, "crates", `metaaccess-account-${version.replace(".", "_")}`, "fixtures", kind, split);
      if (!existsSync(dir)) continue;
      for (const fixture of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
        let ok;
        try { ok = validate(JSON.parse(readFileSync(join(dir, fixture), "utf8"))); } catch { ok = false; }
        checked++;
        if (ok !== (split === "valid")) {
          failures++;
          console.log(`FAIL schemas/${version}/${file} ${ok ? "accepts" : "rejects"} ${dir}/${fixture}`);
        }
      }
    }
  }
}
console.log(`ajv (strict): ${checked} verdicts checked, ${failures} wrong`);
process.exit(failures || checked === 0 ? 1 : 0);
