//! Many assessors on one account: an assessor named for this start (`--assessor`, or
//! `OCOP_ASSESSOR`, as an SSH key's forced command or `SetEnv` does) works in a folder of their
//! own, `<data>/assessors/<slug>/`, so that each has their own database and redb's single
//! writer never makes one wait for another. An assessor named only in the config file (a
//! laptop) keeps the data folder itself, as before.
//!
//! The first assessor named on a data folder keeps the data folder itself, recorded by name in
//! `<data>/assessors/OWNER`; every later assessor gets a new folder. So an existing folder
//! loses nothing and moves nowhere, and a single assessor sees no change at all.

use std::fs::DirBuilder;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use super::{ConfigError, Settings, Source};
use ocop_domain::search::fold;

/// The folder of per-assessor folders, inside the data folder.
pub const ASSESSORS: &str = "assessors";
/// Names the assessor whose sheets are in the data folder itself.
pub const OWNER: &str = "OWNER";

/// Points the settings' data folder at the assessor's own folder when one is named for this
/// start; creates it (0700) when new.
pub fn apply(mut settings: Settings) -> Result<Settings, ConfigError> {
    let named = matches!(
        settings.assessor.source,
        Source::CommandLine | Source::Environment(_)
    );
    if let (true, Some(name)) = (named, settings.assessor_name()) {
        let dir = folder(&settings.data_dir.value, name)
            .map_err(|(path, source)| ConfigError::Folder { path, source })?;
        settings.data_dir.value = dir;
    }
    Ok(settings)
}

/// The assessor's folder under `root`, made when missing.
pub fn folder(root: &Path, name: &str) -> Result<PathBuf, (PathBuf, std::io::Error)> {
    let slug = slug(name);
    let assessors = root.join(ASSESSORS);
    let owner_file = assessors.join(OWNER);
    let links = ocop_files::Links::Refuse;
    let owner = ocop_files::read_to_string(&owner_file, 4096, links).ok();
    if owner
        .as_deref()
        .is_some_and(|o| self::slug(o.trim()) == slug)
    {
        return Ok(root.to_path_buf());
    }
    let own = assessors.join(&slug);
    if own.is_dir() {
        return Ok(own);
    }
    let make = |dir: &Path| {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| (dir.to_path_buf(), e))
    };
    if owner.is_none() {
        make(&assessors)?;
        std::fs::write(&owner_file, format!("{}\n", name.trim()))
            .map_err(|e| (owner_file.clone(), e))?;
        return Ok(root.to_path_buf());
    }
    make(&own)?;
    Ok(own)
}

/// A folder name for an assessor: the name without diacritics, lower case, words joined by
/// `-` ("Nguyễn Văn An" is `nguyen-van-an`); a name with no Latin letter or digit is spelled
/// in hexadecimal.
pub fn slug(name: &str) -> String {
    let folded: String = fold(name.trim())
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.is_empty() {
        return name.bytes().map(|b| format!("{b:02x}")).collect();
    }
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vietnamese_name_becomes_a_plain_folder_name() {
        assert_eq!(slug("Nguyễn Văn An"), "nguyen-van-an");
        assert_eq!(slug("  Đỗ Thị   Hương "), "do-thi-huong");
        assert_eq!(slug("../etc"), "etc");
        assert_eq!(slug(".."), "2e2e");
    }

    #[test]
    fn the_first_named_assessor_keeps_an_existing_folder_and_others_get_their_own() {
        let root = tempfile::tempdir().expect("tempdir");
        std::fs::write(root.path().join(ocop_store::FILE_NAME), b"").expect("db");
        let an = folder(root.path(), "Nguyễn Văn An").expect("an");
        assert_eq!(an, root.path());
        let binh = folder(root.path(), "Trần Bình").expect("binh");
        assert_eq!(binh, root.path().join("assessors/tran-binh"));
        assert!(binh.is_dir());
        assert_eq!(
            folder(root.path(), "nguyen van an").expect("an"),
            root.path()
        );
        assert_eq!(folder(root.path(), "Trần Bình").expect("binh"), binh);
    }

    #[test]
    fn an_owner_named_in_the_file_keeps_the_folder_under_any_spelling() {
        let root = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            folder(root.path(), "Trần Bình").expect("first"),
            root.path()
        );
        let owner = std::fs::read_to_string(root.path().join("assessors/OWNER")).expect("owner");
        assert_eq!(owner, "Trần Bình\n");
        assert_eq!(
            folder(root.path(), "TRAN BINH").expect("again"),
            root.path()
        );
        let an = folder(root.path(), "Nguyễn Văn An").expect("an");
        assert_eq!(an, root.path().join("assessors/nguyen-van-an"));
    }
}
