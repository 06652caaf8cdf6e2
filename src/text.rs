//! Text for the terminal: display width (CJK is two columns) and sanitising stored text.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Replaces control characters (C0, DEL, C1) so stored text can never drive the terminal.
///
/// An escape sequence loses its ESC and is shown as harmless text; newlines and tabs become
/// spaces because a table cell or list row is one line.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\t' | '\r' => ' ',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Controls, and the invisible characters that reorder or hide text: zero-width and
/// direction marks (U+200B-U+200F), bidi embeddings and overrides (U+202A-U+202E), word
/// joiners and isolates (U+2060-U+206F) and the byte-order mark (U+FEFF).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}'
        )
}

/// Sanitises multi-line text line by line, keeping the line breaks.
pub fn sanitize_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| sanitize(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Columns the text takes in a terminal.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// What a cut text ends with: one cell wide in every terminal (`…` is two in many CJK
/// terminals, which breaks a table's alignment there).
pub const CUT_MARK: char = '~';

/// Cuts `s` to at most `max` columns, ending with [`CUT_MARK`] when cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push(CUT_MARK);
    Cow::Owned(out)
}

/// Pads (or cuts) `s` to exactly `cols` columns, left-aligned.
pub fn pad(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    let mut out = t.into_owned();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Pads `s` to exactly `cols` columns, right-aligned.
pub fn pad_left(s: &str, cols: usize) -> String {
    let t = truncate(s, cols);
    let w = width(&t);
    let mut out: String = std::iter::repeat_n(' ', cols.saturating_sub(w)).collect();
    out.push_str(&t);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_survive() {
        let evil = "ACME\x1b]0;pwned\x07\x1b[2J\u{9b}31m";
        let clean = sanitize(evil);
        assert!(!clean.chars().any(|c| c.is_control()), "{clean:?}");
        assert!(clean.contains("ACME"));
        assert_eq!(sanitize("普通文本"), "普通文本");
        assert_eq!(sanitize("a\nb"), "a b");
    }

    #[test]
    fn invisible_and_reordering_characters_are_shown_not_obeyed() {
        for c in [
            '\u{200B}', '\u{200D}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2060}', '\u{2066}',
            '\u{206F}', '\u{FEFF}',
        ] {
            let text = format!("恒瑞{c}化工");
            assert_eq!(sanitize(&text), "恒瑞\u{FFFD}化工", "U+{:04X}", c as u32);
        }
        // The neighbours of those ranges are ordinary text.
        for c in ['\u{200A}', '\u{2010}', '\u{2070}', '\u{FEFE}'] {
            let text = format!("a{c}b");
            assert_eq!(sanitize(&text), text, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn cjk_counts_two_columns() {
        assert_eq!(width("恒瑞化工"), 8);
        assert_eq!(width("ACME"), 4);
        assert_eq!(pad("恒瑞", 6), "恒瑞  ");
        assert_eq!(width(&pad("恒瑞化工有限公司", 7)), 7);
        assert_eq!(pad("恒瑞化工有限公司", 7), "恒瑞化~");
        assert_eq!(pad_left("5", 3), "  5");
    }

    #[test]
    fn truncate_edges() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab~");
        assert_eq!(truncate("abcd", 0), "");
        // a wide char that does not fit is dropped, never split
        assert_eq!(truncate("a恒瑞", 3), "a~");
    }
}
