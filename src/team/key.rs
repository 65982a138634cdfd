//! SSH public keys as `authorized_keys` and `.pub` files write them: `TYPE BASE64 [COMMENT]`.
//! Two keys are the same key when their type and blob are; the comment is a label only.

use crate::text::team::file as text;
use base64::Engine;

/// The key types jixiao accepts (those OpenSSH's `ssh-keygen` makes today).
pub const KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

/// A parsed public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// `ssh-ed25519`, `ssh-rsa` …
    pub kind: String,
    /// The key itself, base64 as written.
    pub blob: String,
    /// What follows the key on its line (often `user@host`); may be empty.
    pub comment: String,
}

impl PublicKey {
    /// Parses one line `TYPE BASE64 [COMMENT]`; the error says what is wrong, in Chinese.
    pub fn parse(line: &str) -> Result<PublicKey, String> {
        let line = line.trim();
        let mut parts = line.splitn(3, char::is_whitespace);
        let kind = parts.next().unwrap_or_default();
        if !KEY_TYPES.contains(&kind) {
            return Err(text::not_a_key(
                &crate::text::truncate(line, 40),
                crate::text::team::list(KEY_TYPES),
            ));
        }
        let blob = parts.next().unwrap_or_default().trim();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(blob)
            .map_err(|_| text::key_not_base64(kind))?;
        // The blob starts with its own type as an SSH string: a key pasted under another
        // type's name (or cut short) is caught here rather than at login.
        let inner = bytes
            .get(..4)
            .map(|n| u32::from_be_bytes([n[0], n[1], n[2], n[3]]) as usize)
            .and_then(|n| bytes.get(4..4 + n));
        if inner != Some(kind.as_bytes()) {
            return Err(text::key_kind_mismatch(kind));
        }
        let comment = parts.next().unwrap_or_default().trim().to_string();
        Ok(PublicKey {
            kind: kind.to_string(),
            blob: blob.to_string(),
            comment,
        })
    }

    /// Whether `other` is the same key (type and blob; the comment does not count).
    pub fn same_key(&self, other: &PublicKey) -> bool {
        self.kind == other.kind && self.blob == other.blob
    }

    /// `TYPE BASE64` without the comment, as `authorized_keys` needs it.
    pub fn bare(&self) -> String {
        format!("{} {}", self.kind, self.blob)
    }

    /// `TYPE BASE64 COMMENT`, as written in `team.toml`.
    pub fn line(&self) -> String {
        if self.comment.is_empty() {
            self.bare()
        } else {
            format!("{} {} {}", self.kind, self.blob, self.comment)
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A real ed25519 public key (made by ssh-keygen for these tests).
    pub const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8HqJRmLQbycNJ9f3fegPVqd6QE4XVmUGnMMszPccA+ zhang@laptop";

    #[test]
    fn parses_and_compares_without_the_comment() {
        let k = PublicKey::parse(ED).unwrap();
        assert_eq!(k.kind, "ssh-ed25519");
        assert_eq!(k.comment, "zhang@laptop");
        let other = PublicKey::parse(&ED.replace("zhang@laptop", "另一台电脑")).unwrap();
        assert!(k.same_key(&other));
        assert_eq!(
            k.bare(),
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8HqJRmLQbycNJ9f3fegPVqd6QE4XVmUGnMMszPccA+"
        );
    }

    #[test]
    fn refuses_what_is_not_a_key() {
        let e = PublicKey::parse("ssh-dss AAAA").unwrap_err();
        assert!(e.contains("不是 SSH 公钥"), "{e}");
        let e = PublicKey::parse("ssh-ed25519 ***").unwrap_err();
        assert!(e.contains("base64"), "{e}");
        // An ed25519 blob named as rsa.
        let e = PublicKey::parse(&ED.replace("ssh-ed25519", "ssh-rsa")).unwrap_err();
        assert!(e.contains("不符"), "{e}");
    }
}
