//! Snapshots of the workbench on a fixed demo database at a fixed time.
//! Review changes with `cargo insta review` (or INSTA_UPDATE=always, then `git diff`).

mod common;

use common::*;
use kefu::app::action::crossterm_key::KeyCode;
use kefu::i18n::Lang;
use ratatui::style::{Color, Modifier};

/// The text, then each line's style runs: `x0-x1 fg/bg/mods`, so a theme change shows up.
fn styled(app: &kefu::app::App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    let mut out = screen(app, w, h);
    out.push_str("--- styles ---\n");
    for y in 0..buf.area.height {
        let mut runs: Vec<(u16, u16, String)> = Vec::new();
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let key = style_key(c.fg, c.bg, c.modifier);
            match runs.last_mut() {
                Some(r) if r.2 == key && r.1 + 1 == x => r.1 = x,
                _ => runs.push((x, x, key)),
            }
        }
        let line: Vec<String> = runs
            .iter()
            .filter(|r| r.2 != "-")
            .map(|(a, b, k)| format!("{a}-{b} {k}"))
            .collect();
        if !line.is_empty() {
            out.push_str(&format!("{y:2}: {}\n", line.join(", ")));
        }
    }
    out
}

fn style_key(fg: Color, bg: Color, m: Modifier) -> String {
    let mut parts = Vec::new();
    if fg != Color::Reset {
        parts.push(format!("fg={fg}"));
    }
    if bg != Color::Reset {
        parts.push(format!("bg={bg}"));
    }
    if !m.is_empty() {
        parts.push(format!("{m:?}"));
    }
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(" ")
    }
}

#[test]
fn dashboard_en_80x24() {
    insta::assert_snapshot!(screen(&app(Lang::En, "dark"), 80, 24));
}

#[test]
fn dashboard_en_160x48() {
    insta::assert_snapshot!(screen(&app(Lang::En, "dark"), 160, 48));
}

#[test]
fn dashboard_zh_80x24() {
    insta::assert_snapshot!(screen(&app(Lang::Zh, "dark"), 80, 24));
}

#[test]
fn dashboard_zh_160x48() {
    insta::assert_snapshot!(screen(&app(Lang::Zh, "dark"), 160, 48));
}

#[test]
fn dashboard_dark_theme_styles() {
    insta::assert_snapshot!(styled(&app(Lang::En, "dark"), 80, 24));
}

#[test]
fn dashboard_mono_theme_styles() {
    let text = styled(&app(Lang::En, "mono"), 80, 24);
    assert!(
        !text.contains("fg=") && !text.contains("bg="),
        "mono uses no colour"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn dashboard_light_theme_styles_zh() {
    insta::assert_snapshot!(styled(&app(Lang::Zh, "light"), 160, 48));
}

#[test]
fn complaint_detail_en() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn complaint_detail_zh() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn customer_form_with_a_validation_error_zh() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "bad code!");
    ctrl(&mut app, 's');
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn complaint_form_with_a_validation_error_en() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('n'));
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "huge");
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn help_screen_board_en() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn zoomed_customers_zh_80x24() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('z'));
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn customer_file_en() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    let text = screen(&app, 120, 40);
    let code = customers(&app).selected().unwrap().code.clone();
    assert!(text.contains(&code), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn customer_file_zh() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn capa_list_en() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('C'));
    assert_eq!(app.focused_name(), "capas");
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn capa_list_zh_at_the_bottom() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Char('C'));
    let _ = screen(&app, 100, 30); // the page height is learnt when drawn
    press(&mut app, KeyCode::Char('G'));
    let text = screen(&app, 100, 30);
    assert!(
        !text.contains("KS-2025-00008"),
        "scrolled past the first row"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn complaint_analysis_en() {
    let mut app = app(Lang::En, "dark");
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(app.focused_name(), "stats");
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn complaint_analysis_zh() {
    let mut app = app(Lang::Zh, "dark");
    press(&mut app, KeyCode::Char('S'));
    insta::assert_snapshot!(screen(&app, 100, 30));
}

#[test]
fn panes_say_loading_until_their_data_arrives_zh() {
    let mut app = app(Lang::Zh, "dark");
    // The view opened by hand and not yet loaded: what the first frame shows before the
    // worker answers.
    app.view = Some(Box::new(kefu::views::Capas::default()));
    let text = screen(&app, 80, 24);
    assert!(text.contains("加载中…"), "{text}");
    app.update(kefu::app::Action::Refresh);
    assert!(
        !screen(&app, 80, 24).contains("加载中…"),
        "filled on reload"
    );
    insta::assert_snapshot!(text);
}
