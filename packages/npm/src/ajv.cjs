"use strict";
// A ready ajv setup: every schema of a dialect registered under its $id, formats on, strict mode.
const { allSchemas, schemaId, latest } = require("./index.cjs");

function load(name) {
  try {
    return require(name);
  } catch (e) {
    throw new Error(`metaaccess-account-schemas/ajv needs the peer dependencies ajv@8 and ajv-formats@3 (npm install ajv ajv-formats): ${e.message}`);
  }
}

/** An Ajv instance (Ajv2020 for "2020-12", Ajv for "draft-07") with every schema registered. */
function createAjv(options = {}) {
  const { dialect = "2020-12", ...ajvOptions } = options;
  const Ajv = dialect === "draft-07" ? load("ajv").default : load("ajv/dist/2020").default;
  const addFormats = load("ajv-formats").default;
  const ajv = new Ajv({ strict: true, allErrors: true, ...ajvOptions });
  addFormats(ajv);
  for (const s of allSchemas(dialect)) ajv.addSchema(s);
  return ajv;
}

const cache = new Map();

/** The compiled validate function of a version and kind (one shared Ajv per dialect). */
function validator(version = latest, kind = "response", dialect = "2020-12") {
  if (!cache.has(dialect)) cache.set(dialect, createAjv({ dialect }));
  const validate = cache.get(dialect).getSchema(schemaId(version, kind, dialect));
  if (!validate) throw new Error(`no schema for ${version} ${kind}`);
  return validate;
}

module.exports = { createAjv, validator };
