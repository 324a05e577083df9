//! `Display` and `FromStr` agree for every string-like type of the crate.

use metaaccess_account_core::{ApiVersion, DocumentKind, Method};

metaaccess_account_core::open_enum! {
    /// A test enumeration with an alias.
    pub enum Score {
        /// a
        A => "a_score",
        /// b, also spelled with a space
        B => "b_score" | "b_ score",
    }
}

#[test]
fn string_like_types_round_trip() {
    for v in ApiVersion::ALL {
        assert_eq!(v.to_string().parse::<ApiVersion>(), Ok(v));
    }
    for m in Method::ALL {
        assert_eq!(m.to_string().parse::<Method>(), Ok(m));
    }
    assert_eq!("post".parse::<Method>(), Ok(Method::Post));
    assert!("PUT".parse::<Method>().is_err());
    for k in DocumentKind::ALL {
        assert_eq!(k.to_string().parse::<DocumentKind>(), Ok(k));
    }
    assert!("body".parse::<DocumentKind>().is_err());
}

#[test]
fn open_enums_round_trip_known_aliased_and_unknown_values() {
    for s in Score::KNOWN {
        assert_eq!(s.to_string().parse::<Score>(), Ok(s.clone()));
    }
    // An alias parses to its variant and is written canonically.
    assert_eq!("b_ score".parse::<Score>(), Ok(Score::B));
    assert_eq!(Score::B.to_string(), "b_score");
    // An undocumented value is kept verbatim.
    let unknown: Score = "c_score".parse().unwrap_or(Score::A);
    assert!(!unknown.is_known());
    assert_eq!(unknown.to_string(), "c_score");
    assert_eq!(unknown.to_string().parse::<Score>(), Ok(unknown));
}
