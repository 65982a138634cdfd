//! The server's host key: an Ed25519 key made on the first start and kept in jixiao's own
//! folder (`.git/jixiao/serve_host_ed25519`, OpenSSH's format, mode 0600), so that clients
//! see the same host on every start and `known_hosts` keeps working.

use crate::text::serve as text;
use anyhow::{Context, Result, bail};
use russh::keys::PrivateKey;
use russh::keys::ssh_key::LineEnding;
use russh::keys::ssh_key::private::Ed25519Keypair;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The host key's file name in jixiao's own folder.
pub const FILE: &str = "serve_host_ed25519";

/// Reads the host key at `path`, or makes one there when there is none.
pub fn load_or_create(path: &Path) -> Result<PrivateKey> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) => {
            if !meta.file_type().is_file() {
                bail!(text::host_key_not_file(path.display()));
            }
            // Readable by others, the key could be copied to impersonate the server.
            if meta.permissions().mode() & 0o077 != 0 {
                bail!(text::host_key_readable(
                    path.display(),
                    meta.permissions().mode() & 0o777
                ));
            }
            let key = std::fs::read_to_string(path)
                .with_context(|| text::read_host_key_failed(path.display()))?;
            PrivateKey::from_openssh(key.as_bytes())
                .map_err(|e| anyhow::anyhow!(text::not_openssh_key(path.display(), e)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(path),
        Err(e) => Err(e).with_context(|| text::read_host_key_failed(path.display())),
    }
}

fn create(path: &Path) -> Result<PrivateKey> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!(text::random_failed(e)))?;
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&seed));
    seed.fill(0);
    let encoded = key
        .to_openssh(LineEnding::LF)
        .map_err(|e| anyhow::anyhow!(text::encode_key_failed(e)))?;
    let dir = path
        .parent()
        .with_context(|| text::no_parent(path.display()))?;
    // The temporary file is made with mode 0600, so the key is never readable by others,
    // and appears whole under its name; a second server starting at the same moment keeps
    // the key that was there first.
    let mut tmp = tempfile::Builder::new()
        .prefix(".serve_host_key")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .with_context(|| text::create_key_failed(dir.display()))?;
    tmp.write_all(encoded.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| text::write_key_failed(path.display()))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => Ok(key),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => load_or_create(path),
        Err(e) => Err(e.error).with_context(|| text::save_key_failed(path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_with_mode_0600_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        let a = load_or_create(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let b = load_or_create(&path).unwrap();
        assert_eq!(a.public_key(), b.public_key());
        assert_eq!(a.algorithm(), russh::keys::Algorithm::Ed25519);
        // Only the key: no temporary file left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_key_others_can_read_or_that_is_not_a_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        load_or_create(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = load_or_create(&path).unwrap_err().to_string();
        assert!(e.contains("权限是 644") && e.contains("chmod 600"), "{e}");
        std::fs::write(&path, "不是密钥").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        let e = load_or_create(&path).unwrap_err().to_string();
        assert!(e.contains("不是 OpenSSH 格式的私钥"), "{e}");
    }
}
