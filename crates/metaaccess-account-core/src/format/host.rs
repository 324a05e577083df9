//! Host names, as `jsonschema` checks the domain of an email address (its `"hostname"`
//! check): RFC 1123 labels, plus RFC 5891/5892 rules for `xn--` (IDNA A-) labels.
//!
//! - at most 253 bytes, split at dots into labels of 1..=63 bytes of ASCII letters, digits
//!   and hyphens, neither starting nor ending with a hyphen (so no empty label, no final dot);
//! - a label with `--` in positions 3 and 4 must start with lowercase `xn--`, and the rest
//!   must decode as Punycode (RFC 3492) to a label whose code points IDNA allows: letters,
//!   combining marks and decimal digits by general category (Unicode 16, the
//!   `unicode-general-category` data `jsonschema` uses), not starting with a mark, under the
//!   contextual rules of RFC 5892 appendix A as `jsonschema` applies them.

use unicode_general_category::{get_general_category, GeneralCategory as Gc};

/// Checks a host name, or says why it is not one.
pub(crate) fn check_host_name(host: &str) -> Result<(), &'static str> {
    if host.is_empty() {
        return Err("the domain is empty");
    }
    if host.len() > 253 {
        return Err("the domain is longer than 253 bytes");
    }
    // Split as bytes: a `char` pattern costs a searcher per label, and '.' is ASCII.
    host.as_bytes()
        .split(|&c| c == b'.')
        .try_for_each(check_label)
}

fn check_label(b: &[u8]) -> Result<(), &'static str> {
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return Err("the domain has an empty label (a dot at an end, or two in a row)");
    };
    if b.len() > 63 {
        return Err("a label of the domain is longer than 63 bytes");
    }
    if !b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-') {
        return Err("the domain has a character other than ASCII letters, digits, '-' and '.'");
    }
    if first == b'-' || last == b'-' {
        return Err("a label of the domain starts or ends with '-'");
    }
    if b.get(2..4) == Some(&b"--"[..]) {
        let payload = b
            .strip_prefix(b"xn--")
            .ok_or("a label of the domain has \"--\" at positions 3-4 but is not an xn-- label")?;
        // ASCII, checked above.
        let payload = std::str::from_utf8(payload).map_err(|_| "an xn-- label is not ASCII")?;
        let decoded = decode_punycode(payload).ok_or("an xn-- label is not valid Punycode")?;
        if !idna_allows(&decoded) {
            return Err("an xn-- label decodes to text IDNA does not allow in a host name");
        }
    }
    Ok(())
}

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;

/// RFC 3492 decoding of the part of an A-label after `xn--`. The last `-`, unless it is the
/// first character, ends the basic (copied) code points; `None` on a bad digit, an overflow
/// or a value that is not a `char`.
fn decode_punycode(payload: &str) -> Option<Vec<char>> {
    let bytes = payload.as_bytes();
    let (basic, mut encoded) = match bytes.iter().rposition(|&c| c == b'-') {
        Some(at) if at > 0 => (&bytes[..at], &bytes[at + 1..]),
        _ => (&bytes[..0], bytes),
    };
    let mut out: Vec<char> = basic.iter().map(|&c| char::from(c)).collect();
    let (mut code_point, mut i, mut bias) = (128u32, 0u32, 72u32);
    while !encoded.is_empty() {
        let before = i;
        let mut weight = 1u32;
        let mut k = BASE;
        loop {
            let (&c, rest) = encoded.split_first()?;
            encoded = rest;
            let digit = match c {
                b'a'..=b'z' => u32::from(c - b'a'),
                b'A'..=b'Z' => u32::from(c - b'A'),
                b'0'..=b'9' => u32::from(c - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let threshold = if k <= bias {
                T_MIN
            } else {
                (k - bias).min(T_MAX)
            };
            if digit < threshold {
                break;
            }
            weight = weight.checked_mul(BASE - threshold)?;
            k += BASE;
        }
        let len = u32::try_from(out.len()).ok()? + 1;
        bias = adapt(i - before, len, before == 0);
        code_point = code_point.checked_add(i / len)?;
        i %= len;
        out.insert(i as usize, char::from_u32(code_point)?);
        i += 1;
    }
    Some(out)
}

/// RFC 3492 section 6.1 bias adaptation.
fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = delta / if first { 700 } else { 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + ((BASE - T_MIN + 1) * delta) / (delta + 38)
}

/// Code points with the Virama combining class: a ZERO WIDTH JOINER must follow one
/// (RFC 5892 A.2, as `jsonschema` lists them).
const VIRAMAS: &[char] = &[
    '\u{094D}',
    '\u{09CD}',
    '\u{0A4D}',
    '\u{0ACD}',
    '\u{0B4D}',
    '\u{0BCD}',
    '\u{0C4D}',
    '\u{0CCD}',
    '\u{0D4D}',
    '\u{0DCA}',
    '\u{0E3A}',
    '\u{0F84}',
    '\u{1039}',
    '\u{1714}',
    '\u{1734}',
    '\u{17D2}',
    '\u{1A60}',
    '\u{1B44}',
    '\u{1BAA}',
    '\u{1BF2}',
    '\u{1BF3}',
    '\u{2D7F}',
    '\u{A806}',
    '\u{A8C4}',
    '\u{A953}',
    '\u{ABED}',
    '\u{10A3F}',
    '\u{11046}',
    '\u{1107F}',
    '\u{110B9}',
    '\u{11133}',
    '\u{111C0}',
    '\u{11235}',
    '\u{112EA}',
    '\u{1134D}',
    '\u{11442}',
    '\u{114C2}',
    '\u{115BF}',
    '\u{1163F}',
    '\u{116B6}',
    '\u{1172B}',
    '\u{11839}',
    '\u{119E0}',
    '\u{11A34}',
    '\u{11A47}',
    '\u{11A99}',
    '\u{11C3F}',
    '\u{11D44}',
    '\u{11D45}',
    '\u{11D97}',
];

/// Whether IDNA (as `jsonschema` applies RFC 5892) allows a decoded label.
fn idna_allows(label: &[char]) -> bool {
    let is_mark = |c: char| {
        matches!(
            get_general_category(c),
            Gc::NonspacingMark | Gc::SpacingMark | Gc::EnclosingMark
        )
    };
    if label.first().is_some_and(|&c| is_mark(c)) {
        return false;
    }
    let (mut katakana_middle_dot, mut hiragana_katakana_han) = (false, false);
    let (mut arabic_indic, mut extended_arabic_indic) = (false, false);
    for (at, &c) in label.iter().enumerate() {
        let before = at.checked_sub(1).and_then(|b| label.get(b)).copied();
        let after = label.get(at + 1).copied();
        let allowed = match c {
            // A.1 ZERO WIDTH NON-JOINER: allowed anywhere (`jsonschema` has no context check).
            '\u{200C}' => true,
            // A.2 ZERO WIDTH JOINER: after a virama.
            '\u{200D}' => before.is_some_and(|b| VIRAMAS.contains(&b)),
            // A.3 MIDDLE DOT: between two `l`.
            '\u{00B7}' => before == Some('l') && after == Some('l'),
            // A.4 GREEK LOWER NUMERAL SIGN: before a Greek character.
            '\u{0375}' => after.is_some_and(|a| ('\u{0370}'..='\u{03FF}').contains(&a)),
            // A.5, A.6 HEBREW GERESH and GERSHAYIM: after a Hebrew character.
            '\u{05F3}' | '\u{05F4}' => {
                before.is_some_and(|b| ('\u{0590}'..='\u{05FF}').contains(&b))
            }
            // A.7 KATAKANA MIDDLE DOT: with Hiragana, Katakana or Han in the label (checked
            // at the end). The blocks themselves are allowed whatever their categories.
            '\u{30FB}' => {
                katakana_middle_dot = true;
                true
            }
            '\u{3040}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' => {
                hiragana_katakana_han = true;
                true
            }
            // A.8, A.9: Arabic-Indic digits and extended ones do not mix.
            '\u{0660}'..='\u{0669}' => {
                arabic_indic = true;
                true
            }
            '\u{06F0}'..='\u{06F9}' => {
                extended_arabic_indic = true;
                true
            }
            // RFC 5892 exceptions: DISALLOWED whatever their category ...
            '\u{0640}'
            | '\u{07FA}'
            | '\u{302E}'
            | '\u{302F}'
            | '\u{3031}'..='\u{3035}'
            | '\u{303B}' => false,
            // ... and PVALID whatever their category.
            '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => true,
            c if c.is_ascii() => true,
            c => matches!(
                get_general_category(c),
                Gc::UppercaseLetter
                    | Gc::LowercaseLetter
                    | Gc::TitlecaseLetter
                    | Gc::ModifierLetter
                    | Gc::OtherLetter
                    | Gc::NonspacingMark
                    | Gc::SpacingMark
                    | Gc::DecimalNumber
            ),
        };
        if !allowed {
            return false;
        }
    }
    let middle_dot_ok = !katakana_middle_dot || hiragana_katakana_han;
    middle_dot_ok && !(arabic_indic && extended_arabic_indic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_punycode() {
        let decode = |p: &str| decode_punycode(p).map(|cs| cs.into_iter().collect::<String>());
        assert_eq!(decode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(decode("ls8h").as_deref(), Some("\u{1F4A9}"));
        assert_eq!(decode("abc-").as_deref(), Some("abc"));
        assert_eq!(decode("").as_deref(), Some(""));
        assert_eq!(decode("-abc"), None);
        assert_eq!(decode("99999999999"), None);
    }

    #[test]
    fn checks_host_names() {
        for ok in [
            "example.com",
            "a",
            "1.2.3.4",
            "a-b.c0",
            "xn--bcher-kva.example",
            "xn--4gb.xn--mgb", // Arabic letters
            "xn--ll-0ea",      // l·l: a middle dot between two l
            &"h".repeat(63),
            &[
                "a".repeat(63),
                "b".repeat(63),
                "c".repeat(63),
                "d".repeat(61),
            ]
            .join("."),
        ] {
            assert_eq!(check_host_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "example.com.",
            ".example.com",
            "a..b",
            "-a.b",
            "a-.b",
            "a_b.c",
            "exämple.com",
            "ab--c.d",
            "XN--bcher-kva.example",
            "xn--ls8h",     // an emoji is not a letter
            "xn--a-gda",    // a·: a middle dot not between two l
            "xn--a-ecp.ru", // a parenthesized digit (⒈) is not a decimal digit
            &"h".repeat(64),
            &[
                "a".repeat(63),
                "b".repeat(63),
                "c".repeat(63),
                "d".repeat(62),
            ]
            .join("."),
        ] {
            assert!(check_host_name(bad).is_err(), "{bad}");
        }
    }
}
