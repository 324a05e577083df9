import type { ApiVersion } from "./types";
import type { Dialect } from "./index";

/** Structural view of the ajv instance and validate function (ajv is a peer dependency). */
export interface ValidateFunction<T = unknown> {
  (data: unknown): data is T;
  errors?: Array<{ instancePath: string; message?: string; keyword: string; params: unknown }> | null;
}
export interface AjvLike {
  getSchema<T = unknown>(id: string): ValidateFunction<T> | undefined;
  validate(schemaOrId: string | object, data: unknown): boolean;
  errors?: ValidateFunction["errors"];
}
/** An Ajv (Ajv2020 for "2020-12") with every schema of the dialect registered under its $id, formats on. */
export declare function createAjv(options?: { dialect?: Dialect; [ajvOption: string]: unknown }): AjvLike;
/** The compiled validator of a version and kind. */
export declare function validator<T = unknown>(version?: ApiVersion, kind?: "response" | "request", dialect?: Dialect): ValidateFunction<T>;
