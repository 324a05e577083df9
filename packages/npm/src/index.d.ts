// Hand-written declarations of the entry points; the document types (one namespace per
// version: V2_0, V3_0, ...) are generated from the schemas into types.d.ts.
export * from "./types";
import type { ApiVersion } from "./types";

export type Kind = "response" | "request" | "openapi";
export type Dialect = "2020-12" | "draft-07";
/** A JSON Schema or OpenAPI document, parsed. */
export type JsonObject = { [key: string]: unknown };

/** Every published version, oldest first. */
export declare const versions: readonly ApiVersion[];
/** The newest version. */
export declare const latest: ApiVersion;
/** The package version (the workspace version of metaaccess-account). */
export declare const packageVersion: string;
/** The path of a schema file inside the package, e.g. "schemas/v3.2/account-details.response.schema.json". */
export declare function schemaPath(version: ApiVersion | `v${ApiVersion}`, kind?: Kind, dialect?: Dialect): string;
/** The schema of a version, kind and dialect (a fresh copy). Throws RangeError for what does not exist. */
export declare function schema(version: ApiVersion | `v${ApiVersion}`, kind?: Kind, dialect?: Dialect): JsonObject;
/** The $id of a version's schema. */
export declare function schemaId(version: ApiVersion | `v${ApiVersion}`, kind?: Exclude<Kind, "openapi">, dialect?: Dialect): string;
/** Every JSON Schema of a dialect (responses and requests of every version). */
export declare function allSchemas(dialect?: Dialect): JsonObject[];
