use std::os::unix::fs::symlink;

use super::*;

fn fifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        FileType::Fifo,
        Mode::from_raw_mode(0o600),
        0,
    )
    .expect("mkfifo");
}

#[test]
fn a_fifo_is_refused_at_once_never_waited_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("x.json.sig");
    fifo(&path);
    let err = read(&path, 1024, Links::Refuse).expect_err("refused");
    assert!(
        matches!(err, FileError::NotRegular(Special::Fifo)),
        "{err:?}"
    );
    assert_eq!(
        err.say(Lang::Vi),
        "là một FIFO (ống có tên), không phải tệp thường"
    );
    let dir = File::open(tmp.path()).expect("dir");
    let err = read_at(&dir, "x.json.sig", 1024).expect_err("refused");
    assert!(
        matches!(err, FileError::NotRegular(Special::Fifo)),
        "{err:?}"
    );
}

#[test]
fn devices_folders_and_oversize_files_are_refused_before_reading() {
    let err = read(Path::new("/dev/zero"), 1 << 20, Links::Follow).expect_err("refused");
    assert!(
        matches!(err, FileError::NotRegular(Special::Device)),
        "{err:?}"
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let err = read(tmp.path(), 10, Links::Follow).expect_err("refused");
    assert!(matches!(err, FileError::NotRegular(Special::Directory)));
    let big = tmp.path().join("big");
    // Sparse: 20 GB said by its size, not a byte of it read.
    File::create(&big)
        .and_then(|f| f.set_len(20 << 30))
        .expect("sparse file");
    let err = read(&big, 1 << 20, Links::Follow).expect_err("refused");
    assert!(matches!(err, FileError::TooLarge { len, max } if max == 1 << 20 && len == 20 << 30));
    assert_eq!(
        read_head(&big, 16, Links::Follow).expect("its head").len(),
        16
    );
}

#[test]
fn a_link_is_followed_only_where_asked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let target = tmp.path().join("target");
    std::fs::write(&target, b"ok").expect("write");
    let link = tmp.path().join("link");
    symlink(&target, &link).expect("link");
    assert_eq!(read(&link, 10, Links::Follow).expect("read"), b"ok");
    let err = read(&link, 10, Links::Refuse).expect_err("refused");
    assert!(
        matches!(err, FileError::NotRegular(Special::Link)),
        "{err:?}"
    );
    assert!(
        read(&tmp.path().join("none"), 10, Links::Follow)
            .expect_err("missing")
            .is_not_found()
    );
}
