//! Resolution order: flag or environment, then the file, then the defaults.

use super::*;

fn global() -> Flags {
    Flags {
        data_dir: None,
        config: None,
        rubrics: None,
        export_dir: None,
        assessor: None,
        assessor_id: None,
        signing_key: None,
        roster_key: None,
        council: None,
        place: None,
        lang: None,
        theme: None,
        take_over: false,
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn defaults(dir: &Path) -> Option<Defaults> {
    Some(Defaults {
        data_dir: dir.join("data"),
        config_file: dir.join("config.toml"),
    })
}

#[test]
fn defaults_without_a_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let s = Settings::resolve_with(&global(), defaults(tmp.path()), &no_env).expect("resolve");
    assert_eq!(s.data_dir, default(tmp.path().join("data")));
    assert_eq!(s.config_file, tmp.path().join("config.toml"));
    assert_eq!(s.lang, default(Lang::Vi));
    assert_eq!(s.assessor, default(None));
}

#[test]
fn flags_win_over_the_file_and_env_is_named() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("config.toml");
    std::fs::write(
        &file,
        "assessor = \"An\"\ncouncil = \"Phú Thọ\"\nlang = \"en\"\n",
    )
    .expect("write");
    let mut g = global();
    g.assessor = Some("Bình".into());
    g.lang = Some(Lang::Vi);
    let env = |name: &str| (name == "OCOP_LANG").then(|| "vi".to_string());
    let s = Settings::resolve_with(&g, defaults(tmp.path()), &env).expect("resolve");
    assert_eq!(s.assessor.value.as_deref(), Some("Bình"));
    assert_eq!(s.assessor.source, Source::CommandLine);
    assert_eq!(s.lang.source, Source::Environment("OCOP_LANG"));
    assert_eq!(s.council.value.as_deref(), Some("Phú Thọ"));
    assert_eq!(s.council.source, Source::File(file));
}

#[test]
fn unknown_key_is_an_error_naming_the_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("c.toml");
    std::fs::write(&file, "lang = \"vi\"\n\n  themes = \"x\"\n").expect("write");
    let mut g = global();
    g.config = Some(file.clone());
    let err = Settings::resolve_with(&g, defaults(tmp.path()), &no_env).expect_err("error");
    let message = err.to_string();
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert!(message.contains("line 3, column 3"), "{message}");
}

#[test]
fn no_home_needs_explicit_folders() {
    let err = Settings::resolve_with(&global(), None, &no_env).err();
    assert!(matches!(err, Some(ConfigError::NoHome)));
    let tmp = tempfile::tempdir().expect("tmp");
    let mut g = global();
    g.data_dir = Some(tmp.path().to_path_buf());
    g.config = Some(tmp.path().join("c.toml"));
    assert!(Settings::resolve_with(&g, None, &no_env).is_ok());
}

#[test]
fn under_sshd_the_assessor_never_comes_from_the_environment() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut g = global();
    // As clap leaves it when only the client's `SetEnv OCOP_ASSESSOR` named her.
    g.assessor = Some("Trần Thị Bình".into());
    let sent = |ssh: bool| {
        move |name: &str| match name {
            "OCOP_ASSESSOR" => Some("Trần Thị Bình".to_string()),
            "SSH_CONNECTION" if ssh => Some("10.0.0.2 51000 10.0.0.1 22".to_string()),
            _ => None,
        }
    };
    let err = Settings::resolve_with(&g, defaults(tmp.path()), &sent(true)).err();
    assert!(matches!(
        err,
        Some(ConfigError::IdentityFromSsh {
            var: "OCOP_ASSESSOR"
        })
    ));
    assert!(Settings::resolve_with(&g, defaults(tmp.path()), &sent(false)).is_ok());
    // The forced command's own `--assessor` is taken; the variable it overrides is not read.
    g.assessor = Some("Lê Văn Cường".into());
    let s = Settings::resolve_with(&g, defaults(tmp.path()), &sent(true)).expect("resolve");
    assert_eq!(s.assessor.value.as_deref(), Some("Lê Văn Cường"));
}

#[test]
fn a_province_adds_rounds_and_a_place_in_the_file_and_a_bad_day_is_named_by_line() {
    use ocop_domain::due::{RoundDay, Rounds};
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("config.toml");
    let text =
        "place = \"Phú Thọ\"\n\n[[round]]\nforward_by = \"31/7\"\nevaluated_by = \"15/09\"\n";
    std::fs::write(&file, text).expect("write");
    let s = Settings::resolve_with(&global(), defaults(tmp.path()), &no_env).expect("resolve");
    assert_eq!(s.place.value.as_deref(), Some("Phú Thọ"));
    let summer = RoundDay {
        forward_by: (7, 31),
        evaluated_by: (9, 15),
    };
    assert_eq!(s.rounds, Rounds::with_extra(&[summer]));
    let env = |name: &str| (name == "OCOP_PLACE").then(|| "Hà Nội".to_string());
    let mut g = global();
    g.place = env("OCOP_PLACE");
    let s = Settings::resolve_with(&g, defaults(tmp.path()), &env).expect("resolve");
    assert_eq!(s.place.source, Source::Environment("OCOP_PLACE"));
    // 31/9 is no day: the file, line and column are named.
    std::fs::write(&file, text.replace("15/09", "31/9")).expect("write");
    let err = Settings::resolve_with(&global(), defaults(tmp.path()), &no_env).expect_err("bad");
    let message = err.to_string();
    assert!(message.contains("line 5, column 16"), "{message}");
    assert!(message.contains("\"31/9\""), "{message}");
}
