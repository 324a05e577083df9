//! Parses OPSWAT's documented example responses (embedded in the version crates) strictly and
//! prints what each says. `cargo run -p metaaccess-account --example documented_examples`

use metaaccess_account::{v2_0, v3_1, Document};

fn main() -> Result<(), metaaccess_account::ParseError> {
    for text in v2_0::AccountDetails::DOC_EXAMPLES {
        let a = v2_0::AccountDetails::from_json_str_strict(text)?;
        println!(
            "v2.0  {:<18} used {}/{} devices, {} non-compliant, critical/issues: {}",
            a.name,
            a.devices_used,
            a.devices_allowed,
            a.devices_uncompliant,
            match (a.devices_critical, a.devices_issues) {
                (Some(c), Some(i)) => format!("{c}/{i}"),
                _ => "not reported (a response from before 2018-01-30)".to_owned(),
            }
        );
    }
    for text in v3_1::AccountDetails::DOC_EXAMPLES {
        let a = v3_1::AccountDetails::from_json_str_strict(text)?;
        let buckets = |b: Vec<(String, u64)>| {
            b.into_iter()
                .map(|(k, n)| format!("{k}={n}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!(
            "v3.1  {:<18} used {}/{} devices, license key {}",
            a.name, a.devices_used, a.devices_allowed, a.license_key
        );
        println!(
            "      by status:        {}",
            buckets(
                a.devices_by_status
                    .iter()
                    .map(|b| (b.status.to_string(), b.number_of_devices.get()))
                    .collect()
            )
        );
        println!(
            "      by issue:         {}",
            buckets(
                a.devices_by_issue_severity
                    .iter()
                    .map(|b| (b.severity.to_string(), b.number_of_devices.get()))
                    .collect()
            )
        );
        println!(
            "      by vulnerability: {}",
            buckets(
                a.devices_by_vulnerability_severity
                    .iter()
                    .map(|b| (b.severity.to_string(), b.number_of_devices.get()))
                    .collect()
            )
        );
    }
    Ok(())
}
