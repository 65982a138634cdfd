//! The command line's words around the library's own: how an error or a warning starts.

/// An error that stopped the command (on standard error).
pub fn error(message: &str) -> String {
    format!("错误：{message}")
}

/// A warning that did not stop the command (on standard error).
pub fn warning(message: &str) -> String {
    if message.starts_with("注意：") {
        message.to_string()
    } else {
        format!("注意：{message}")
    }
}
