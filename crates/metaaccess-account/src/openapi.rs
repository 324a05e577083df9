//! OpenAPI 3.1 documents, one per version, generated from the same models and endpoint
//! metadata as the schemas.

use metaaccess_account_core::{
    AccessToken, ApiVersion, TokenLocation, HOST, RATE_LIMIT_HEADERS, STATUS_CODES,
};
use serde_json::{json, Map, Value};

use crate::{endpoint, request_schema, response_schema};

/// Moves a schema's `$defs` into `components/schemas` and points its references there, so the
/// schema can live inside an OpenAPI document (whose dialect is JSON Schema 2020-12).
fn hoist(mut schema: Value, components: &mut Map<String, Value>) -> Value {
    if let Value::Object(map) = &mut schema {
        map.remove("$schema");
        map.remove("$id");
        if let Some(Value::Object(defs)) = map.remove("$defs") {
            for (name, mut def) in defs {
                retarget(&mut def);
                components.insert(name, def);
            }
        }
    }
    retarget(&mut schema);
    schema
}

fn retarget(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                match v {
                    Value::String(r) if k == "$ref" => {
                        *r = r.replace("#/$defs/", "#/components/schemas/");
                    }
                    _ => retarget(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(retarget),
        _ => {}
    }
}

/// Moves each property's `default` into its description, in a request schema: OpenAPI code
/// generators read a `default` as "always present" (openapi-typescript's `defaultNonNullable`
/// makes the property required), which holds for a response a server fills in, not for a
/// request body a client may leave empty. The JSON Schema files keep the keyword.
fn defaults_to_descriptions(schema: &mut Value) {
    let Some(Value::Object(props)) = schema.get_mut("properties") else {
        return;
    };
    for prop in props.values_mut() {
        let Value::Object(prop) = prop else { continue };
        if let Some(default) = prop.remove("default") {
            let said = format!("Absent means {default}.");
            let description = match prop.get("description").and_then(Value::as_str) {
                Some(d) => format!("{d} {said}"),
                None => said,
            };
            prop.insert("description".into(), description.into());
        }
    }
}

/// The OpenAPI 3.1 document of one version of the endpoint.
pub fn document(version: ApiVersion) -> Value {
    let e = endpoint(version);
    let mut schemas = Map::new();
    let response = hoist(response_schema(version), &mut schemas);
    schemas.insert("AccountDetails".into(), response);
    let request = request_schema(version).map(|r| {
        let mut r = hoist(r, &mut schemas);
        defaults_to_descriptions(&mut r);
        r
    });
    if let Some(r) = request {
        schemas.insert("AccountDetailsRequest".into(), r);
    }

    let limit = format!(
        "Requests allowed per window ({} per {} seconds).",
        e.rate_limit.requests, e.rate_limit.per_seconds
    );
    let headers: Map<String, Value> = RATE_LIMIT_HEADERS
        .iter()
        .map(|h| {
            let description = match *h {
                "X-RateLimit-Limit" => limit.as_str(),
                "X-RateLimit-Remaining" => "Requests left in the current window.",
                _ => "Seconds until the window resets.",
            };
            (
                (*h).to_owned(),
                json!({ "description": description, "schema": { "type": "integer", "minimum": 0 } }),
            )
        })
        .collect();
    let header_refs: Map<String, Value> = RATE_LIMIT_HEADERS
        .iter()
        .map(|h| {
            (
                (*h).to_owned(),
                json!({ "$ref": format!("#/components/headers/{h}") }),
            )
        })
        .collect();

    let mut responses = Map::new();
    for (code, text) in STATUS_CODES {
        let mut r = json!({ "description": text, "headers": header_refs });
        if code == 200 {
            r["content"] = json!({ "application/json": {
                "schema": { "$ref": "#/components/schemas/AccountDetails" }
            }});
        }
        responses.insert(code.to_string(), r);
    }

    let (security, schemes) = security_schemes(&e.access_token);
    let mut operation = json!({
        "operationId": format!("getAccountDetailsV{}", version.as_str().replace('.', "_")),
        "summary": "Fetch your account details",
        "description": format!(
            "Account Details, API {version}. Doc last updated {}. Change: {}. Rate limited to {} requests per {} seconds. \
             The access token is documented as a header; the documented examples pass it in the query string.",
            e.doc_last_updated, e.change_note, e.rate_limit.requests, e.rate_limit.per_seconds
        ),
        "security": security,
        "responses": responses,
    });
    if request_schema(version).is_some() {
        operation["requestBody"] = json!({
            "required": false,
            "content": { "application/json": {
                "schema": { "$ref": "#/components/schemas/AccountDetailsRequest" }
            }}
        });
    }
    // OpenAPI's path item keys are the method names in lower case.
    let method = e.method.as_str().to_ascii_lowercase();
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": format!("OPSWAT MetaAccess Account Details API {version}"),
            "version": version.as_str(),
            "description": "Generated by metaaccess-account from its models; the response schema is the strict contract (documented fields and enum values only)."
        },
        "servers": [ { "url": format!("https://{HOST}") } ],
        "paths": { e.path(): { method: operation } },
        "components": {
            "schemas": schemas,
            "headers": headers,
            "securitySchemes": schemes,
        }
    })
}

/// The OpenAPI security schemes of every placement of the access token seen (`seen`), and the
/// `security` requirement that accepts any of them, in that order.
fn security_schemes(token: &AccessToken) -> (Vec<Value>, Map<String, Value>) {
    let mut security = Vec::new();
    let mut schemes = Map::new();
    for &location in token.seen {
        let how = if location == token.documented {
            "as the parameter tables document it"
        } else {
            match location {
                TokenLocation::QueryString => "as the documented examples send it",
                _ => "as some clients send it",
            }
        };
        let (name, scheme) = match location {
            TokenLocation::Header => (
                "accessTokenHeader",
                json!({ "type": "apiKey", "in": "header", "name": token.parameter,
                        "description": format!("OAuth 2.0 access token, {how}.") }),
            ),
            TokenLocation::QueryString => (
                "accessTokenQuery",
                json!({ "type": "apiKey", "in": "query", "name": token.parameter,
                        "description": format!("OAuth 2.0 access token, {how}.") }),
            ),
            // `TokenLocation` is non-exhaustive: a placement added later is a bearer-like
            // header until this function learns it.
            _ => (
                "bearerToken",
                json!({ "type": "http", "scheme": "bearer",
                        "description": format!("OAuth 2.0 access token in an Authorization header, {how}.") }),
            ),
        };
        security.push(json!({ name: [] }));
        schemes.insert(name.to_owned(), scheme);
    }
    (security, schemes)
}
