//! Fetches Account Details 3.2 with the blocking client, from a stand-in server this example
//! starts on 127.0.0.1 (so it runs anywhere; CI runs it). Against the real API, drop the server,
//! build with feature `rustls`, and leave the base URL at its default:
//!
//! ```sh
//! cargo run -p metaaccess-account-http --example fetch --features client
//! ```

use std::error::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use metaaccess_account::TokenLocation;
use metaaccess_account_http::client::{Client, ClientConfig, ClientError};
use metaaccess_account_http::{v3_2, AccessToken, ResponseError};

/// What the stand-in server answers: a 3.2 account with one undocumented member (drift).
const ACCOUNT: &str = r#"{"name": "OPSWAT IT", "email": "opswat_it@opswat.com",
  "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
  "devices_allowed": 500, "devices_used": 120,
  "devices_by_status": [{"status": "compliant", "number_of_devices": 120}],
  "devices_by_issue_severity": [], "devices_by_vulnerability_severity": [],
  "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c", "devices_archived": 4}"#;

fn main() -> Result<(), Box<dyn Error>> {
    let base_url = serve_once()?;

    // The token is a secret type: Debug, Display and errors never show it.
    let token = AccessToken::new("DEMO7P9ZMJ2LBF8AMOMJLFNPMMLO953A")?;
    let request = v3_2::Request::new(token)
        .base_url(base_url)
        .token_in(TokenLocation::Header);
    let client = Client::new(ClientConfig::default());

    match client.fetch(&request) {
        Ok(account) => {
            println!(
                "{}: {} of {} devices used",
                account.value.name,
                account.value.devices_used.get(),
                account.value.devices_allowed.get()
            );
            for drift in &account.drift {
                println!("drift: {drift}");
            }
            Ok(())
        }
        // Each failure is typed; none of them shows the token.
        Err(ClientError::Response(ResponseError::Unauthorized)) => {
            Err("the access token is invalid or expired".into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Starts a server on 127.0.0.1 that answers one request with [`ACCOUNT`]; returns its URL.
fn serve_once() -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}", listener.local_addr()?);
    std::thread::spawn(move || -> std::io::Result<()> {
        let (stream, _) = listener.accept()?;
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut length = 0;
        let mut authorized = false;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 || line == "\r\n" {
                break;
            }
            let lower = line.to_ascii_lowercase();
            if let Some(n) = lower.strip_prefix("content-length:") {
                length = n.trim().parse().unwrap_or(0);
            }
            authorized |= lower.starts_with("access_token:");
        }
        reader.take(length).read_to_end(&mut Vec::new())?;
        let (status, body) = if authorized {
            ("200 OK", ACCOUNT)
        } else {
            ("401 Unauthorized", "{}")
        };
        let mut stream = stream;
        write!(
            stream,
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        )
    });
    Ok(url)
}
