"use strict";
// metaaccess-account-schemas: the schemas of every version of the OPSWAT MetaAccess Account
// Details API. Which versions and files exist comes from manifest.json (generated from the
// Rust version table by `cargo xtask npm-package`); nothing here names a version.
const manifest = require("./manifest.json");

const kinds = ["response", "request", "openapi"];
const dialects = ["2020-12", "draft-07"];

function normalize(version) {
  const v = String(version).replace(/^v/, "");
  if (!manifest.files[v]) {
    throw new RangeError(`unknown API version ${JSON.stringify(version)}; published: ${manifest.versions.join(", ")}`);
  }
  return v;
}

/** Path (inside the package) of a schema file. */
function schemaPath(version, kind = "response", dialect = "2020-12") {
  const entry = manifest.files[normalize(version)];
  if (!kinds.includes(kind)) throw new RangeError(`kind must be one of ${kinds.join(", ")}`);
  if (!dialects.includes(dialect)) throw new RangeError(`dialect must be one of ${dialects.join(", ")}`);
  const file = kind === "openapi" ? entry.openapi : entry[kind] && entry[kind][dialect];
  if (!file) throw new RangeError(`API version ${version} has no ${kind} schema`);
  return file;
}

/** The schema of a version, kind ("response", "request", "openapi") and dialect. A fresh copy. */
function schema(version, kind = "response", dialect = "2020-12") {
  return JSON.parse(JSON.stringify(require("./" + schemaPath(version, kind, dialect))));
}

/** Every JSON Schema (not OpenAPI) of a dialect, for registering by $id. */
function allSchemas(dialect = "2020-12") {
  const out = [];
  for (const v of manifest.versions) {
    for (const kind of ["response", "request"]) {
      if (manifest.files[v][kind]) out.push(schema(v, kind, dialect));
    }
  }
  return out;
}

/** The $id of a version's schema: `urn:metaaccess-account:vX.Y:account-details.KIND...`. */
function schemaId(version, kind = "response", dialect = "2020-12") {
  return require("./" + schemaPath(version, kind, dialect)).$id;
}

module.exports = {
  versions: Object.freeze([...manifest.versions]),
  latest: manifest.latest,
  packageVersion: manifest.version,
  schemaPath,
  schema,
  schemaId,
  allSchemas,
};
