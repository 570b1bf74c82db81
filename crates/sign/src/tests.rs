use super::*;

fn seeded_signer(n: u8) -> Signer {
    seeded(&[n; 32], "test")
}

#[test]
fn a_signature_verifies_over_its_message_only() {
    let signer = seeded_signer(1);
    let armored = signer.sign(b"{\"total\": 71}\n").expect("sign");
    assert!(armored.starts_with("-----BEGIN SSH SIGNATURE-----"));
    let sig = SshSig::from_pem(&armored).expect("parses");
    assert_eq!(sig.namespace(), NAMESPACE);
    let public = signer.public();
    assert!(public.verify(NAMESPACE, b"{\"total\": 71}\n", &sig).is_ok());
    assert!(
        public
            .verify(NAMESPACE, b"{\"total\": 91}\n", &sig)
            .is_err()
    );
    assert_eq!(signer_fingerprint(&armored), Some(signer.fingerprint()));
}

#[test]
fn principals_are_ascii_slugs_of_the_name() {
    assert_eq!(principal_of("Nguyễn Văn An"), "nguyen-van-an");
    assert_eq!(principal_of("  Đặng Thu  Lan "), "dang-thu-lan");
    assert_eq!(principal_of("…"), "");
    assert!(valid_principal("nguyen-van-an"));
    assert!(!valid_principal("an,binh"));
    assert!(!valid_principal("an binh"));
    assert!(!valid_principal(""));
}

#[test]
fn the_allowed_signers_line_names_the_namespace() {
    let line = allowed_signers_line("nguyen-van-an", seeded_signer(2).public());
    assert!(
        line.starts_with("nguyen-van-an namespaces=\"ocop-sheet\" ssh-ed25519 AAAA"),
        "{line}"
    );
    assert!(!line.ends_with("test"), "no comment: {line}");
}

#[test]
fn the_default_key_is_made_once_private_and_loads() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let (path, made) = ensure_default(tmp.path(), "An").expect("made");
    assert!(made);
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let first = load(&path, None).expect("loads").fingerprint();
    let (again, made) = ensure_default(tmp.path(), "An").expect("there");
    assert!(!made);
    assert_eq!(load(&again, None).expect("loads").fingerprint(), first);
    let public = std::fs::read_to_string(tmp.path().join("ocop_ed25519.pub")).expect("pub");
    assert!(public.starts_with("ssh-ed25519 "));
}

#[test]
fn a_public_key_without_an_agent_says_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (path, _) = ensure_default(tmp.path(), "An").expect("made");
    let public = tmp.path().join("ocop_ed25519.pub");
    let err = load(&public, None).expect_err("no agent");
    assert!(matches!(err, KeyError::NoAgentForPublic { .. }), "{err}");
    assert!(err.to_string().contains("ssh-add"));
    assert!(path.is_file());
}

#[test]
fn what_is_not_a_key_is_named() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("key");
    std::fs::write(&path, "hello").expect("write");
    let err = load(&path, None).expect_err("not a key");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    let missing = load(&tmp.path().join("none"), None).expect_err("missing");
    assert!(matches!(missing, KeyError::Read { .. }));
}
