//! Why reading or writing a file failed, in Chinese: the standard library's messages
//! (`No such file or directory (os error 2)`) are English, so the error's kind picks the words.

use std::io::ErrorKind as K;

/// The cause of `e` in Chinese, with the system's error number when there is one.
pub fn describe(e: &std::io::Error) -> String {
    let what = match e.kind() {
        K::NotFound => "没有这个文件或文件夹",
        K::PermissionDenied => "没有权限",
        K::AlreadyExists => "已存在",
        K::IsADirectory => "这是文件夹，不是文件",
        K::NotADirectory => "路径中有一段不是文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::ReadOnlyFilesystem => "文件系统只读",
        K::StorageFull => "磁盘已满",
        K::QuotaExceeded => "超出磁盘配额",
        K::FileTooLarge => "文件太大",
        K::InvalidData => "内容不是有效的 UTF-8 文字",
        K::InvalidInput => "输入无效",
        K::UnexpectedEof => "文件意外结束",
        K::BrokenPipe => "输出管道已关闭",
        K::WriteZero => "无法写入",
        K::Interrupted => "被中断",
        K::TimedOut => "超时",
        K::WouldBlock | K::ResourceBusy => "资源正忙",
        K::CrossesDevices => "不能跨磁盘移动",
        K::TooManyLinks => "链接太多",
        K::InvalidFilename => "文件名无效",
        K::OutOfMemory => "内存不足",
        K::Unsupported => "系统不支持该操作",
        K::Deadlock | K::ExecutableFileBusy | K::StaleNetworkFileHandle => "文件正被占用",
        _ => "读写出错",
    };
    match e.raw_os_error() {
        Some(n) => format!("{what}（系统错误 {n}）"),
        None => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_in_chinese() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(describe(&e), "没有这个文件或文件夹（系统错误 2）");
        let e = std::io::Error::new(K::InvalidData, "stream did not contain valid UTF-8");
        assert_eq!(describe(&e), "内容不是有效的 UTF-8 文字");
    }
}
