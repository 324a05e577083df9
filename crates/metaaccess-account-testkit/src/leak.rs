//! What a leak is, for every secret test of the project: any piece of [`LEAK_PIECE`]
//! characters of a secret, in its raw, JSON-escaped (once or twice) or percent-encoded
//! spelling. A test that looks for the whole secret, or for whole alphanumeric runs, passes on a
//! tool that prints 32 characters of a 40-character token; this one does not.

use std::collections::HashMap;

/// A piece of a secret this many characters long, found in output, is a leak. Secrets shorter
/// than this cannot leak by this definition (the tool does not promise to find them inside other
/// text: see `docs/SECRETS.md`).
pub const LEAK_PIECE: usize = 8;

/// The spellings of `secret` a leak is looked for in: raw, JSON-escaped once and twice (as in a
/// JSON string, and in a JSON string holding JSON), percent-encoded with upper- and lower-case
/// hex (every byte but `A-Z a-z 0-9 - . _ ~`).
pub fn spellings(secret: &str) -> Vec<String> {
    let once = json_escaped(secret);
    let twice = json_escaped(&once);
    let percent = percent_encoded(secret);
    let lower = percent.to_ascii_lowercase();
    let mut all = vec![secret.to_owned(), once, twice, percent, lower];
    all.sort();
    all.dedup();
    all
}

/// The string inside the quotes of `s` written as a JSON string.
pub fn json_escaped(s: &str) -> String {
    let quoted = serde_json::to_string(s).expect("a string serialises");
    quoted[1..quoted.len() - 1].to_owned()
}

/// `s` with every byte but `A-Z a-z 0-9 - . _ ~` written `%XX` (upper-case hex).
pub fn percent_encoded(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The first piece of [`LEAK_PIECE`] characters of `secret`, in any of its [`spellings`], that
/// `text` holds; `None` when there is none (always for a secret shorter than [`LEAK_PIECE`]).
///
/// ```
/// use metaaccess_account_testkit::leaked_piece;
/// let token = "0123456789abcdefXYZ";
/// assert_eq!(leaked_piece("shown: 6789abcd…", token).as_deref(), Some("6789abcd"));
/// assert_eq!(leaked_piece("shown: 6789abc…", token), None); // seven characters
/// assert!(leaked_piece("a%22b%2Fcdefgh", "a\"b/cdefgh").is_some()); // percent-encoded
/// assert!(leaked_piece(r#"a\"b/cdefgh"#, "a\"b/cdefgh").is_some()); // JSON-escaped
/// assert_eq!(leaked_piece("abcdefg", "abcdefg"), None); // too short to count
/// ```
pub fn leaked_piece(text: &str, secret: &str) -> Option<String> {
    Pieces::new([secret]).find(text).map(|(_, piece)| piece)
}

/// The pieces of many secrets, indexed once: finding a leak in a text is then one hash lookup
/// per character of the text, whatever the number and length of the secrets.
pub struct Pieces {
    /// Each piece, and the index of the secret it belongs to.
    pieces: HashMap<String, usize>,
}

impl Pieces {
    /// The pieces of every secret of at least [`LEAK_PIECE`] characters, in every spelling.
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a str>) -> Self {
        let mut pieces = HashMap::new();
        for (i, secret) in secrets.into_iter().enumerate() {
            if secret.chars().count() < LEAK_PIECE {
                continue;
            }
            for spelling in spellings(secret) {
                for piece in windows(&spelling).filter(|p| !is_json_structure(p)) {
                    pieces.entry(piece.to_owned()).or_insert(i);
                }
            }
        }
        Pieces { pieces }
    }

    /// Whether no secret was long enough to have a piece.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The first piece of a secret in `text`: the secret's index (in the order given to
    /// [`Pieces::new`]) and the piece.
    pub fn find(&self, text: &str) -> Option<(usize, String)> {
        if self.pieces.is_empty() {
            return None;
        }
        windows(text).find_map(|w| self.pieces.get(w).map(|i| (*i, w.to_owned())))
    }
}

/// Whether a piece is made of what JSON writes by itself when it nests a document in a string
/// (`\`, `"`, `,`, `:`, brackets, braces, spaces), with at most one other character: such a
/// piece of an escaped spelling (say `\\\",\\\` of a secret holding `",\`, or `\\\"n\\\` of one
/// holding `"n\`) says nothing of the secret, and a document holding JSON in a string holds
/// it anyway.
fn is_json_structure(piece: &str) -> bool {
    piece
        .chars()
        .filter(|c| !matches!(c, '\\' | '"' | ',' | ':' | '{' | '}' | '[' | ']' | ' '))
        .count()
        <= 1
}

/// Every run of [`LEAK_PIECE`] consecutive characters of `text`.
fn windows(text: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    (0..starts.len().saturating_sub(LEAK_PIECE))
        .map(move |k| &text[starts[k]..starts[k + LEAK_PIECE]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_piece_of_eight_is_found_and_seven_never() {
        let secret = "ab\"cdéf/ghij";
        for spelling in spellings(secret) {
            for piece in windows(&spelling) {
                let text = format!("x{piece}y");
                assert!(leaked_piece(&text, secret).is_some(), "{text}");
                let seven: String = piece.chars().take(LEAK_PIECE - 1).collect();
                assert_eq!(leaked_piece(&format!("-{seven}-"), secret), None, "{seven}");
            }
        }
    }

    #[test]
    fn pieces_of_json_structure_alone_are_not_leaks() {
        let secret = "ab\",\\\",\\cd12345";
        let nested = r#"{"x":"{\"y\":\"{\\\"n\\\":1,\\\"m\\\":2}\"}"}"#;
        assert_eq!(leaked_piece(nested, secret), None);
        assert!(leaked_piece("cd12345 and more", secret).is_none()); // seven
        assert!(leaked_piece("\\cd12345", secret).is_some());
    }

    #[test]
    fn pieces_name_the_secret() {
        let p = Pieces::new(["short", "0123456789", "abcdefghij"]);
        assert_eq!(p.find("..cdefghij..").map(|f| f.0), Some(2));
        assert_eq!(p.find("short short"), None);
    }
}
