//! One way to read a file that comes from outside (a sheet file and its companions, the
//! roster, a certificate, a rubric, the config, a key, the holder, the place, the journal):
//! opened without blocking (a FIFO named like a file answers at once instead of waiting for
//! a writer), `fstat`ed, refused unless it is a regular file, refused past a size limit of
//! its kind, then read once, to at most that limit. Nothing here can hang on a special file
//! or fill memory from `/dev/zero` or a 20 GB file.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::AsFd;
use std::path::Path;

use ocop_domain::Lang;
use ocop_words::{Say, pick};
use rustix::fs::{FileType, Mode, OFlags};

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// A FIFO, a device, a socket, a directory (or, where links are not followed, a link).
    #[error("is {}, not a regular file", .0.en())]
    NotRegular(Special),
    /// Larger than `max`: `len` as `fstat` told it, or `max + 1` for a file that grew.
    #[error("is larger than {max} bytes")]
    TooLarge { len: u64, max: u64 },
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// What a special file is, to say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Directory,
    Device,
    Socket,
    Link,
}

impl Special {
    fn of(kind: FileType) -> Option<Special> {
        Some(match kind {
            FileType::RegularFile => return None,
            FileType::Fifo => Special::Fifo,
            FileType::Directory => Special::Directory,
            FileType::CharacterDevice | FileType::BlockDevice => Special::Device,
            FileType::Socket => Special::Socket,
            FileType::Symlink => Special::Link,
            FileType::Unknown => Special::Device,
        })
    }

    fn en(self) -> &'static str {
        match self {
            Special::Fifo => "a FIFO (named pipe)",
            Special::Directory => "a folder",
            Special::Device => "a device",
            Special::Socket => "a socket",
            Special::Link => "a symbolic link",
        }
    }

    fn vi(self) -> &'static str {
        match self {
            Special::Fifo => "một FIFO (ống có tên)",
            Special::Directory => "một thư mục",
            Special::Device => "một thiết bị",
            Special::Socket => "một socket",
            Special::Link => "một liên kết tượng trưng",
        }
    }
}

impl FileError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, FileError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }

    /// The error as an `io::Error`, for readers that speak only that.
    pub fn into_io(self) -> io::Error {
        match self {
            FileError::Io(e) => e,
            other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

impl Say for FileError {
    /// After the file's name: "là một FIFO (ống có tên), không phải tệp thường".
    fn say(&self, lang: Lang) -> String {
        let vi = match self {
            FileError::NotRegular(kind) => format!("là {}, không phải tệp thường", kind.vi()),
            FileError::TooLarge { max, .. } => format!("lớn hơn {max} byte"),
            FileError::Io(e) => e.to_string(),
        };
        pick(lang, vi, self.to_string())
    }
}

/// Whether a symbolic link at the path is followed: never in a shared folder, where a link
/// could point a reader anywhere; yes for the config and keys, which a user may link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

/// The bytes of the regular file at `path`, at most `max` of them.
pub fn read(path: &Path, max: u64, links: Links) -> Result<Vec<u8>, FileError> {
    let file = open(path, links)?;
    read_open(file, max)
}

/// `read` of the file `name` in the folder open as `dir` (links never followed).
pub fn read_at(dir: impl AsFd, name: &str, max: u64) -> Result<Vec<u8>, FileError> {
    let flags = flags(Links::Refuse);
    let fd = rustix::fs::openat(dir, name, flags, Mode::empty()).map_err(link_refused)?;
    read_open(File::from(fd), max)
}

/// `read`, as text (a file that is not UTF-8 is an `InvalidData` error).
pub fn read_to_string(path: &Path, max: u64, links: Links) -> Result<String, FileError> {
    let bytes = read(path, max, links)?;
    String::from_utf8(bytes)
        .map_err(|e| FileError::Io(io::Error::new(io::ErrorKind::InvalidData, e)))
}

/// Opens `path` for reading without blocking, whatever it is; `fstat` tells the rest.
pub fn open(path: &Path, links: Links) -> Result<File, FileError> {
    let fd = rustix::fs::open(path, flags(links), Mode::empty()).map_err(link_refused)?;
    Ok(File::from(fd))
}

/// The flags every outside file is opened with: no blocking on a FIFO's missing writer, not
/// the controlling terminal, closed across `exec`.
fn flags(links: Links) -> OFlags {
    let base = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    match links {
        Links::Follow => base,
        Links::Refuse => base | OFlags::NOFOLLOW,
    }
}

/// `O_NOFOLLOW` on a link fails with `ELOOP`: say what it is.
fn link_refused(e: rustix::io::Errno) -> FileError {
    match e {
        rustix::io::Errno::LOOP => FileError::NotRegular(Special::Link),
        e => FileError::Io(e.into()),
    }
}

/// Checks the open file is regular and within `max`, then reads it to at most `max` bytes
/// (a file that grows meanwhile is cut there, and said too large).
fn read_open(file: File, max: u64) -> Result<Vec<u8>, FileError> {
    let len = regular(&file)?;
    if len > max {
        return Err(FileError::TooLarge { len, max });
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        let len = bytes.len() as u64;
        return Err(FileError::TooLarge { len, max });
    }
    Ok(bytes)
}

/// The first `n` bytes (or fewer) of the regular file at `path`, however large it is: a
/// database's header.
pub fn read_head(path: &Path, n: u64, links: Links) -> Result<Vec<u8>, FileError> {
    let file = open(path, links)?;
    regular(&file)?;
    let mut head = Vec::with_capacity(n as usize);
    file.take(n).read_to_end(&mut head)?;
    Ok(head)
}

/// The open file is a regular file; its length.
pub fn regular(file: &File) -> Result<u64, FileError> {
    let stat = rustix::fs::fstat(file).map_err(io::Error::from)?;
    match Special::of(FileType::from_raw_mode(stat.st_mode)) {
        Some(kind) => Err(FileError::NotRegular(kind)),
        None => Ok(u64::try_from(stat.st_size).unwrap_or(u64::MAX)),
    }
}

#[cfg(test)]
mod tests;
