//! A system sshd of a test's own, on a free loopback port, with its own host key and
//! `AuthorizedKeysFile` in a temporary folder: nothing of the machine's ssh setup is read or
//! changed. `.ci/run` installs openssh-server.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const SSHD: &str = "/usr/sbin/sshd";

/// An sshd of the test's own; killed by its pid when dropped.
pub struct Sshd {
    child: Child,
    pub port: u16,
    dir: PathBuf,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new ed25519 key pair at `path` (and `path.pub`), without a passphrase.
pub fn keygen(path: &Path, comment: &str) {
    let st = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen (openssh-client) must be installed");
    assert!(st.success());
}

/// A loopback port free now (the kernel's choice, released for sshd to take).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Sshd {
    /// Starts sshd on a free loopback port with `authorized_keys` as the only keys.
    pub fn start(dir: &Path, authorized_keys: &str) -> Sshd {
        assert!(
            Path::new(SSHD).exists(),
            "{SSHD} is missing: apt-get install openssh-server (.ci/run does)"
        );
        // sshd run by root checks for its privilege separation folder.
        let _ = std::fs::create_dir_all("/run/sshd");
        std::fs::create_dir_all(dir).unwrap();
        keygen(&dir.join("host_key"), "test host");
        std::fs::write(dir.join("authorized_keys"), authorized_keys).unwrap();
        let port = free_port();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nAuthorizedKeysFile {d}/authorized_keys\n\
             StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\nPermitRootLogin prohibit-password\nAllowTcpForwarding yes\n\
             PidFile {d}/sshd.pid\nLogLevel VERBOSE\n",
            d = dir.display()
        );
        std::fs::write(dir.join("sshd_config"), config).unwrap();
        let child = Command::new(SSHD)
            .args(["-D", "-f"])
            .arg(dir.join("sshd_config"))
            .arg("-E")
            .arg(dir.join("sshd.log"))
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let d = Sshd {
            child,
            port,
            dir: dir.to_path_buf(),
        };
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "sshd did not start: {}",
                std::fs::read_to_string(dir.join("sshd.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        d
    }

    /// The client's options for `key`.
    pub fn client_args(&self, key: &Path) -> Vec<String> {
        vec![
            "-p".into(),
            self.port.to_string(),
            "-i".into(),
            key.display().to_string(),
            "-o".into(),
            "StrictHostKeyChecking=no".into(),
            "-o".into(),
            "UserKnownHostsFile=/dev/null".into(),
            "-o".into(),
            "BatchMode=yes".into(),
            "-o".into(),
            "LogLevel=ERROR".into(),
        ]
    }

    /// `ssh … 127.0.0.1 COMMAND` with `key`, extra options first.
    pub fn ssh(&self, key: &Path, extra: &[&str], command: &[&str]) -> Output {
        Command::new("ssh")
            .args(self.client_args(key))
            .args(extra)
            .arg("127.0.0.1")
            .args(command)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// What sshd logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("sshd.log")).unwrap_or_default()
    }
}
