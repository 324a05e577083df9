// The installed package, tested from a fresh Node project (scripts/packages/run.sh):
// node --test, with REPO_ROOT pointing at the repository (for its fixtures and schemas/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { schema, schemaPath, schemaId, versions, latest, packageVersion, allSchemas } from "metaaccess-account-schemas";
import { createAjv, validator } from "metaaccess-account-schemas/ajv";

const root = process.env.REPO_ROOT;
const require = createRequire(import.meta.url);
const fixtureDir = (v, kind, split) =>
  join(root, "crates", `metaaccess-account-v${v.replace(".", "_")}`, "fixtures", kind, split);

test("versions are the folders of schemas/", () => {
  const dirs = readdirSync(join(root, "schemas")).filter((d) => /^v\d/.test(d)).map((d) => d.slice(1)).sort();
  assert.deepEqual([...versions].sort(), dirs);
  assert.equal(latest, versions[versions.length - 1]);
  assert.match(packageVersion, /^\d+\.\d+\.\d+/);
});

test("packaged schema files equal schemas/ byte for byte, and every file is packaged", () => {
  let count = 0;
  for (const v of versions) {
    const dir = join(root, "schemas", `v${v}`);
    for (const f of readdirSync(dir)) {
      const packaged = require.resolve(`metaaccess-account-schemas/schemas/v${v}/${f}`);
      assert.equal(readFileSync(packaged, "utf8"), readFileSync(join(dir, f), "utf8"), `v${v}/${f}`);
      count++;
    }
  }
  assert.ok(count >= versions.length * 3);
});

test("schema() by version, kind and dialect; errors for what does not exist", () => {
  for (const v of versions) {
    assert.equal(schema(v).title, "AccountDetails");
    assert.equal(schema(`v${v}`, "response", "draft-07").$schema, "http://json-schema.org/draft-07/schema#");
    assert.equal(schema(v, "openapi").openapi, "3.1.0");
    assert.ok(schema(v).examples.length > 0, `${v} examples`);
    assert.equal(schemaId(v), `urn:metaaccess-account:v${v}:account-details.response.schema`);
  }
  assert.throws(() => schema("9.9"), RangeError);
  assert.throws(() => schema(versions[0], "request"), RangeError);
  assert.equal(schemaPath(latest, "request"), `schemas/v${latest}/account-details.request.schema.json`);
});

test("the CommonJS entry gives the same", () => {
  const cjs = require("metaaccess-account-schemas");
  assert.deepEqual(cjs.versions, versions);
  assert.deepEqual(cjs.schema(latest), schema(latest));
  assert.equal(typeof require("metaaccess-account-schemas/ajv").createAjv, "function");
});

test("every $id is registered in the ajv setup, in both dialects", () => {
  for (const dialect of ["2020-12", "draft-07"]) {
    const ajv = createAjv({ dialect });
    const ids = allSchemas(dialect).map((s) => s.$id);
    assert.ok(ids.length > versions.length);
    for (const id of ids) assert.ok(ajv.getSchema(id), id);
  }
});

test("every fixture gets the verdict of its folder, in both dialects", () => {
  let checked = 0;
  for (const v of versions) {
    for (const kind of ["response", "request"]) {
      for (const split of ["valid", "invalid"]) {
        const dir = fixtureDir(v, kind, split);
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
          let doc;
          try {
            doc = JSON.parse(readFileSync(join(dir, f), "utf8"));
          } catch {
            assert.equal(split, "invalid", `${f} is not JSON`);
            continue;
          }
          for (const dialect of ["2020-12", "draft-07"]) {
            const validate = validator(v, kind, dialect);
            assert.equal(validate(doc), split === "valid", `${v} ${kind} ${split}/${f} (${dialect}): ${JSON.stringify(validate.errors)}`);
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 50, `${checked} verdicts`);
});

test("errors name the JSON pointer", () => {
  const validate = validator("3.1");
  const doc = JSON.parse(readFileSync(join(fixtureDir("3.1", "response", "invalid"), "negative-count.json"), "utf8"));
  assert.equal(validate(doc), false);
  assert.ok(validate.errors.some((e) => e.instancePath.startsWith("/")));
});
