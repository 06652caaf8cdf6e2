//! Tests of settings loading.
use super::*;
use crate::i18n::Catalog;
use crate::input::action::crossterm_key::KeyPress;
use crate::input::action::{Movement, StepKey};
use ratatui::style::{Color, Style};

fn k(s: &str) -> KeyPress {
    parse_key(s).unwrap_or_else(|| panic!("{s} should parse"))
}

fn s(v: &str) -> String {
    v.to_string()
}

/// Writes `config.toml` and `themes/calm.toml` into a fresh temp dir and loads them.
fn load_src(src: &str) -> (Settings, Vec<ConfigWarning>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let calm = "[styles]\nok = { fg = \"greenish\" }\ntitle = { fg = \"blue\" }\n";
    let themes = dir.path().join("themes");
    let path = dir.path().join("config.toml");
    std::fs::create_dir(&themes)
        .and_then(|_| std::fs::write(themes.join("calm.toml"), calm))
        .and_then(|_| std::fs::write(&path, src))
        .unwrap_or_else(|e| panic!("write: {e}"));
    let (s, w) = load(Some(&path), false);
    (s, w, dir)
}

#[test]
fn defaults_load_without_warnings() {
    let (s, w) = load(None, false);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!((s.lang, s.theme_name.as_str()), (LangSetting::Auto, "dark"));
    assert_eq!((s.timezone, s.poll_ms), (Tz::Asia__Shanghai, 1000));
    assert_eq!(s.theme, theme::dark());
    assert_eq!(s.keymap.resolve(Mode::Global, k("q")), Some(Action::Quit));
}

#[test]
fn a_user_file_overrides_only_what_it_names() {
    let (s, w, _dir) = load_src("[keys.board]\nacknowledge = [\"K\"]\n");
    assert!(w.is_empty(), "{w:?}");
    let km = &s.keymap;
    assert_eq!(
        km.resolve(Mode::Board, k("K")),
        Some(Action::Step(StepKey::Acknowledge))
    );
    assert_eq!(km.resolve(Mode::Board, k("a")), None);
    assert_eq!(
        km.keys_for(Mode::Board, &Action::Step(StepKey::Investigate)),
        [k("i")]
    );
    assert_eq!(
        km.keys_for(Mode::Global, &Action::Quit),
        [k("q"), k("ctrl-c")]
    );
    assert_eq!(
        km.resolve(Mode::Detail, k("a")),
        Some(Action::Step(StepKey::Acknowledge))
    );
    assert_eq!(s.theme, theme::dark());
}

#[test]
fn a_user_theme_name_picks_that_theme() {
    let (s, w, _dir) = load_src("theme = \"light\"\nlang = \"zh\"\npoll_ms = 1_500\n");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(Some(s.theme), theme::builtin("light"));
    assert_eq!((s.lang, s.poll_ms), (LangSetting::Zh, 1500));
    let (s, w, _dir) = load_src("theme = \"calm\"\n");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        (s.theme.ok, s.theme.title),
        (theme::dark().ok, Style::new().fg(Color::Blue))
    );
}

#[test]
fn a_broken_file_is_ignored_with_one_syntax_warning() {
    let src = "lang = \"en\"\npoll_ms = 500\ntheme = \n[keys.board]\nnew = [\"N\"]\n";
    let (s, w, dir) = load_src(src);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(matches!(w[0].problem, Problem::Syntax(_)), "{w:?}");
    assert_eq!(w[0].line, Some(3));
    assert_eq!(w[0].file, dir.path().join("config.toml"));
    assert_eq!(s, Settings::defaults());
}

#[test]
fn each_bad_item_warns_and_the_rest_applies() {
    let bad = |key: &str, value: &str| Problem::BadValue {
        key: s(key),
        value: s(value),
    };
    let (board, wrong) = (
        s("board"),
        Problem::WrongType {
            key: s("poll_ms"),
            expected: "integer",
        },
    );
    let cases = [
        (
            "timezone = \"Mars/Olympus\"",
            bad("timezone", "Mars/Olympus"),
            2,
        ),
        ("poll_ms = 5", bad("poll_ms", "5"), 2),
        ("poll_ms = \"fast\"", wrong, 2),
        ("lang = \"fr\"", bad("lang", "fr"), 2),
        ("colour = true", Problem::UnknownKey(s("colour")), 2),
        (
            "theme = \"solarized\"",
            Problem::UnknownTheme(s("solarized")),
            2,
        ),
        (
            "[keys.sidebar]\nup = [\"k\"]",
            Problem::UnknownMode(s("sidebar")),
            2,
        ),
        (
            "[keys.board]\nlaunch = [\"l\"]",
            Problem::UnknownAction {
                mode: board.clone(),
                action: s("launch"),
            },
            3,
        ),
        (
            "[keys.board]\ndispose = [\"ctrl-foo\", \"D\"]",
            Problem::BadKey {
                mode: board.clone(),
                action: s("dispose"),
                key: s("ctrl-foo"),
            },
            3,
        ),
        (
            "[keys.board]\nnew = [\"a\"]",
            Problem::DuplicateKey {
                mode: board.clone(),
                key: s("a"),
            },
            3,
        ),
        (
            "theme = \"calm\"",
            Problem::BadColour {
                style: s("ok"),
                value: s("greenish"),
            },
            2,
        ),
    ];
    for (line, expected, at) in cases {
        // The same good binding follows every bad item, and must still apply.
        let (st, w, _dir) = load_src(&format!("# kefu\n{line}\n[keys.list]\ntop = [\"J\"]\n"));
        assert_eq!(w.len(), 1, "{line}: {w:?}");
        assert_eq!(w[0].problem, expected, "{line}");
        let in_theme = matches!(expected, Problem::BadColour { .. });
        let file = if in_theme {
            "themes/calm.toml"
        } else {
            "config.toml"
        };
        assert!(w[0].file.ends_with(file), "{line}: {:?}", w[0].file);
        assert_eq!(w[0].line, Some(at), "{line}");
        assert_eq!(
            st.keymap.resolve(Mode::Board, k("J")),
            Some(Action::Move(Movement::Top)),
            "{line}"
        );
        assert_eq!((st.timezone, st.poll_ms), (Tz::Asia__Shanghai, 1000));
        assert_eq!(st.lang, LangSetting::Auto);
    }
    let (st, _, _dir) = load_src("[keys.board]\ndispose = [\"ctrl-foo\", \"D\"]\n");
    assert_eq!(
        st.keymap
            .keys_for(Mode::Board, &Action::Step(StepKey::Dispose)),
        [k("D")]
    );
    let (st, _, _dir) = load_src("[keys.board]\nnew = [\"a\"]\n");
    assert_eq!(
        st.keymap.resolve(Mode::Board, k("a")),
        Some(Action::Step(StepKey::Acknowledge))
    );
    let (st, _, _dir) = load_src("theme = \"solarized\"\n");
    assert_eq!((st.theme_name.as_str(), st.theme), ("dark", theme::dark()));
}

#[test]
fn a_list_of_only_bad_keys_keeps_the_default_but_empty_unbinds() {
    let (st, w, _dir) = load_src("[keys.global]\nquit = [\"ctlr-q\"]\nzoom = []\n");
    assert_eq!(w.len(), 1);
    assert_eq!(st.keymap.resolve(Mode::Global, k("q")), Some(Action::Quit));
    assert_eq!(st.keymap.resolve(Mode::Global, k("z")), None);
}

#[test]
fn a_missing_named_file_warns() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("nope.toml");
    let (st, w) = load(Some(&path), false);
    assert_eq!(w.len(), 1);
    assert!(matches!(w[0].problem, Problem::Unreadable(_)));
    assert_eq!(st, Settings::defaults());
    assert_eq!(config_path(Some(&path)), Some(path));
}

#[test]
fn no_color_uses_mono_without_colours() {
    let (_, _, dir) = load_src("theme = \"light\"\n");
    let (st, w) = load(Some(&dir.path().join("config.toml")), true);
    assert!(w.is_empty());
    assert_eq!(st.theme_name, "light");
    assert_eq!(Some(st.theme), theme::builtin("mono").map(Theme::no_color));
}

#[test]
fn warnings_render_through_the_catalog() {
    let cat = Catalog::parse(
        "[config]\nat_line = \"{file}, line {line}\"\nat_file = \"{file}\"\n\
         wrong_type = \"{where}: {key} must be {expected}\"\n\
         bad_value = \"{where}: {key} = {value}: {hint}\"\n\
         [config.type]\ninteger = \"a whole number\"\n[config.hint]\npoll_ms = \"200-60000\"\n",
    )
    .unwrap_or_else(|e| panic!("catalog: {e}"));
    let problem = Problem::WrongType {
        key: s("poll_ms"),
        expected: "integer",
    };
    let w = ConfigWarning {
        file: PathBuf::from("k.toml"),
        line: Some(4),
        problem,
    };
    assert_eq!(
        w.render(&cat),
        "k.toml, line 4: poll_ms must be a whole number"
    );
    let problem = Problem::BadValue {
        key: s("poll_ms"),
        value: s("5"),
    };
    let w = ConfigWarning {
        line: None,
        problem,
        ..w
    };
    assert_eq!(w.render(&cat), "k.toml: poll_ms = 5: 200-60000");
}

#[test]
fn a_keymap_with_no_way_to_quit_is_refused_and_ctrl_c_quits_again() {
    let (s, w, _dir) = load_src("[keys.global]\nquit = []\n");
    assert_eq!(
        s.keymap.keys_for(Mode::Global, &Action::Quit),
        vec![k("ctrl-c")]
    );
    let no_quit: Vec<_> = w.iter().filter(|w| w.problem == Problem::NoQuit).collect();
    assert_eq!(no_quit.len(), 1, "{w:?}");
    let text = no_quit[0].render(Catalog::zh());
    assert!(
        text.contains("ctrl-c") && text.contains("config.toml"),
        "{text}"
    );
    // Rebinding quit to another key is fine and warns of nothing.
    let (s, w, _dir) = load_src("[keys.global]\nquit = [\"x\"]\n");
    assert_eq!(s.keymap.keys_for(Mode::Global, &Action::Quit), vec![k("x")]);
    assert!(w.iter().all(|w| w.problem != Problem::NoQuit), "{w:?}");
}

#[test]
fn the_bell_is_off_unless_asked_for_and_must_be_true_or_false() {
    assert!(!load(None, false).0.bell);
    let (s, w, _dir) = load_src("bell = true\n");
    assert!(w.is_empty(), "{w:?}");
    assert!(s.bell);
    let (s, w, _dir) = load_src("bell = \"loud\"\n");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(!s.bell);
}
