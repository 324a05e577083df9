//! `fetch`: calls the endpoint, prints the body exactly as received, and the verdict on it
//! (through the same rendering as `validate`). The token comes from the environment or a file,
//! never from an argument, where the process list would show it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use metaaccess_account::{ApiVersion, DocumentKind, TokenLocation};
use metaaccess_account_http::client::{Client, ClientConfig};
use metaaccess_account_http::{
    default_base_url, judge_http_response, redact_uri, AccessToken, AnyRequest,
};
use metaaccess_account_validate::secrets::Secrets;
use metaaccess_account_validate::{Status, Validator};

use crate::args::{parse_version, MAX_BYTES};
use crate::input::{Body, Locator, Record};
use crate::output::{self, Format, Shield};

/// The environment variable `fetch` reads the access token from.
pub const TOKEN_ENV: &str = "METAACCESS_ACCESS_TOKEN";

/// `fetch` arguments.
#[derive(Args)]
pub struct FetchArgs {
    /// The API version to call (default: the latest).
    #[arg(long, value_parser = parse_version, default_value_t = ApiVersion::LATEST)]
    pub api_version: ApiVersion,
    /// Scheme and host to call (a path prefix is kept, for a proxy).
    #[arg(long, value_name = "URL", default_value_t = default_base_url())]
    pub base_url: String,
    /// The request body's score_type, for versions whose request has a body (3.2 and later).
    #[arg(long, value_name = "T")]
    pub score_type: Option<String>,
    /// Where the token goes: the documented `access_token` header, the query string, or an
    /// `Authorization: Bearer` header.
    #[arg(long, value_enum, default_value = "header")]
    pub token_in: TokenIn,
    /// `human`: the body on standard output as received, the verdict on standard error.
    /// `json`: the verdict record on standard output, as `validate --format json` writes it.
    #[arg(long, value_enum, default_value = "human", hide_possible_values = true)]
    pub format: Format,
    /// A file holding the access token (surrounding whitespace is ignored). Without it, the
    /// token is read from METAACCESS_ACCESS_TOKEN.
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// Longest wait for a connection, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = parse_seconds)]
    pub connect_timeout: Duration,
    /// Longest wait for any read once connected, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_seconds)]
    pub read_timeout: Duration,
    /// Largest response body read, in bytes (1 to 4 GiB); checked while reading.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_parser = clap::value_parser!(u64).range(1..=MAX_BYTES))]
    pub max_record_bytes: u64,
}

/// `--token-in`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TokenIn {
    /// The `access_token` header (what the parameter tables document).
    Header,
    /// `?access_token=...` (what OPSWAT's examples do).
    Query,
    /// `Authorization: Bearer ...`.
    Bearer,
}

impl From<TokenIn> for TokenLocation {
    fn from(t: TokenIn) -> Self {
        match t {
            TokenIn::Header => TokenLocation::Header,
            TokenIn::Query => TokenLocation::QueryString,
            TokenIn::Bearer => TokenLocation::AuthorizationBearer,
        }
    }
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    match s.parse::<f64>() {
        Ok(secs) if secs > 0.0 && secs <= 3600.0 => Ok(Duration::from_secs_f64(secs)),
        Ok(_) => Err("must be more than 0 and at most 3600".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs `fetch`.
pub fn run(args: &FetchArgs) -> io::Result<ExitCode> {
    let token = match token(args) {
        Ok(token) => token,
        Err(message) => return fail(&Shield::plain(), &message),
    };
    let mut secrets = Secrets::default();
    secrets.add(token.expose());
    let shield = Shield::new(secrets.clone(), false);
    let request = match request(args, token) {
        Ok(request) => request,
        Err(message) => return fail(&shield, &message),
    };
    let url = redact_uri(request.uri());
    let config = ClientConfig::default()
        .connect_timeout(args.connect_timeout)
        .read_timeout(args.read_timeout)
        .max_body_bytes(args.max_record_bytes);
    let response = match Client::new(config).send(request) {
        Ok(response) => response,
        Err(e) => return fail(&shield, &format!("{url}: {e}")),
    };
    let validator = Validator::default();
    let verdict = match judge_http_response(args.api_version, &response, &validator) {
        Ok(verdict) => verdict,
        Err(e) => return fail(&shield, &format!("{url}: {e}")),
    };
    let body = response.into_body();
    let record = Record {
        source: Arc::from(url),
        locator: Locator::Document,
        kind: DocumentKind::Response,
        hint: Some(args.api_version),
        body: Body::Json(body.clone().into()),
        secrets: Arc::new(secrets),
    };
    match args.format {
        Format::Human => {
            let mut out = io::stdout().lock();
            out.write_all(&body)?;
            out.flush()?;
            let err = &mut io::stderr().lock();
            output::write_verdict(err, Format::Human, true, &record, &verdict, false)?;
        }
        Format::Json => {
            let out = &mut io::stdout().lock();
            output::write_verdict(out, Format::Json, true, &record, &verdict, false)?;
            out.flush()?;
        }
    }
    Ok(if verdict.status == Status::Invalid {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn fail(shield: &Shield, message: &str) -> io::Result<ExitCode> {
    output::error_line(shield, message);
    Ok(ExitCode::from(2))
}

/// The token from `--token-file`, else from the environment; never from an argument.
fn token(args: &FetchArgs) -> Result<AccessToken, String> {
    let (text, from) = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("--token-file {}: {e}", path.display()))?;
            (text, format!("--token-file {}", path.display()))
        }
        None => match std::env::var(TOKEN_ENV) {
            Ok(text) if !text.trim().is_empty() => (text, TOKEN_ENV.to_owned()),
            _ => {
                return Err(format!(
                    "no access token: set {TOKEN_ENV} or pass --token-file PATH (a file \
                     holding the token); it is never taken as an argument, where the process \
                     list would show it"
                ))
            }
        },
    };
    AccessToken::new(text.trim()).map_err(|e| format!("{from}: {e}"))
}

/// The HTTP request the arguments describe.
fn request(
    args: &FetchArgs,
    token: AccessToken,
) -> Result<metaaccess_account_http::http::Request<Vec<u8>>, String> {
    let version = args.api_version;
    let mut request = AnyRequest::new(version, token)
        .base_url(&args.base_url)
        .token_in(args.token_in.into());
    if let Some(score_type) = &args.score_type {
        let body = serde_json::json!({ "score_type": score_type });
        request = match request.with_body(&body) {
            Some(Ok(request)) => request,
            Some(Err(e)) => return Err(format!("--score-type: {}", e.message())),
            None => {
                return Err(format!(
                    "--score-type: the {version} request has no body; score_type is sent to \
                     versions with one (3.2 and later)"
                ))
            }
        };
    }
    request.try_into_http_request().map_err(|e| e.to_string())
}
