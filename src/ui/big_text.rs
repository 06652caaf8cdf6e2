//! Countdowns in big block letters (five rows high), readable from the back of a room.
//! Only what a countdown uses: digits, `d`, `h`, `m`, `-` and a space; anything else
//! is drawn as a space.

/// Rows of one glyph, three cells wide, `#` for a block.
fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => ["  #", "  #", "  #", "  #", "  #"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        'd' => ["  #", "  #", "###", "# #", "###"],
        'h' => ["#  ", "#  ", "###", "# #", "# #"],
        'm' => ["   ", "   ", "###", "###", "# #"],
        '-' => ["   ", "   ", "###", "   ", "   "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// How many rows big text takes.
pub const HEIGHT: u16 = 5;

/// `text` as five lines of block characters, a blank column between glyphs.
pub fn lines(text: &str) -> [String; 5] {
    let mut out: [String; 5] = Default::default();
    for (i, c) in text.chars().enumerate() {
        for (row, line) in out.iter_mut().enumerate() {
            if i > 0 {
                line.push(' ');
            }
            line.extend(
                glyph(c)[row]
                    .chars()
                    .map(|b| if b == '#' { '█' } else { ' ' }),
            );
        }
    }
    out
}

/// The width in cells of `text` drawn big.
pub fn width(text: &str) -> u16 {
    let n = text.chars().count() as u16;
    (n * 4).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_countdown_is_drawn_in_blocks_of_the_width_it_says() {
        let l = lines("-1h");
        assert_eq!(l[2], "███   █ ███");
        assert_eq!(l[0], "      █ █  ");
        assert!(l.iter().all(|r| r.chars().count() == width("-1h") as usize));
    }
}
