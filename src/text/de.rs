//! What is wrong in a record or rubric file, in Chinese. The TOML parser and serde explain in
//! English (`invalid type: integer `3`, expected a string`); their messages have fixed forms,
//! which are read here and said again in Chinese, keeping the names and values they quote.
//! A message in no known form is replaced by a general one rather than shown in English.

/// A field the file may not have, with those it may (each quoted, `` `name` ``).
pub fn unknown_field(name: &str, allowed: &[String]) -> String {
    if allowed.is_empty() {
        format!("不认识的字段 `{name}`：这里不能有任何字段")
    } else {
        format!("不认识的字段 `{name}`；可用的字段：{}", allowed.join("、"))
    }
}

/// A name (of a method, a section …) that is not one of those allowed.
pub fn unknown_variant(name: &str, allowed: &[String]) -> String {
    if allowed.is_empty() {
        format!("`{name}` 不是可用的值")
    } else {
        format!("`{name}` 不是可用的值；可用的值：{}", allowed.join("、"))
    }
}

/// A field that must be there.
pub fn missing_field(name: &str) -> String {
    format!("缺少必填的字段 `{name}`")
}

/// A field written twice.
pub fn duplicate_field(name: &str) -> String {
    format!("字段 `{name}` 写了两次")
}

/// A value of the wrong kind.
pub fn invalid_type(found: &str, expected: &str) -> String {
    format!("类型不对：写的是{found}，应为{expected}")
}

/// A value of the right kind that is not allowed.
pub fn invalid_value(found: &str, expected: &str) -> String {
    format!("值不对：写的是{found}，应为{expected}")
}

/// A list with the wrong number of entries.
pub fn invalid_length(found: &str, expected: &str) -> String {
    format!("个数不对：写了 {found} 个，应为{expected}")
}

/// A message in no known form.
pub const UNREADABLE: &str = "内容不合要求，请对照模板或说明检查这一项的写法";

/// A TOML syntax error in no known form.
pub const SYNTAX: &str = "TOML 写法有误";

/// serde's `Unexpected` (what was written) in Chinese: `integer `3`` → 整数 `3`.
fn found(s: &str) -> String {
    let s = s.trim();
    let (kind, rest) = match s.find(['`', '"']) {
        Some(i) => (s[..i].trim(), s[i..].trim()),
        None => (s, ""),
    };
    let kind = match kind {
        "boolean" => "布尔值",
        "integer" => "整数",
        "floating point" => "小数",
        "character" => "字符",
        "string" => "字符串",
        "byte array" => "字节串",
        "unit value" | "unit" => "空值",
        "Option value" => "可选值",
        "newtype struct" => "值",
        // A TOML date-time reaches serde as a table.
        "map" => "表（或未加引号的日期）",
        "sequence" => "列表",
        "enum" | "unit variant" | "newtype variant" | "tuple variant" | "struct variant" => "选项",
        _ => "其他内容",
    };
    if rest.is_empty() {
        kind.to_string()
    } else {
        format!("{kind} {rest}")
    }
}

/// serde's `Expected` in Chinese; a visitor's own description (already Chinese) is kept.
fn expected(s: &str) -> String {
    let s = s.trim();
    let plain = s
        .strip_prefix("a ")
        .or_else(|| s.strip_prefix("an "))
        .unwrap_or(s);
    let zh = match plain {
        "string" | "borrowed string" | "str" | "String" => "字符串（加引号）",
        "sequence" | "array" => "列表（[…]）",
        "map" => "表（[名称] 或 {…}）",
        "boolean" | "bool" => "true 或 false",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "不小于 0 的整数",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "integer" => "整数",
        "f32" | "f64" | "float" | "number" => "数字",
        "character" | "char" => "单个字符",
        "variant identifier" | "field identifier" | "identifier" => "名称（加引号的字符串）",
        "unit" => "空值",
        "option" => "值",
        _ if plain.starts_with("struct ") || plain.starts_with("tuple struct ") => {
            "表（[名称] 或 {…}）"
        }
        _ if plain.starts_with("enum ") || plain.starts_with("internally tagged enum") => {
            "可用的选项之一"
        }
        _ if plain.starts_with("tuple of ") || plain.starts_with("array of length") => {
            "列表（[…]）"
        }
        _ if s.is_ascii() => "其他内容",
        _ => return s.to_string(),
    };
    zh.to_string()
}

/// The names quoted in a list such as `` `a`, `b`, `c` `` (serde's "one of …").
fn quoted_names(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(|n| format!("`{n}`"))
        .collect()
}

/// The name in `` `name` ``, the first quoted one.
fn first_quoted(s: &str) -> Option<&str> {
    s.split('`').nth(1)
}

/// serde's message `m` in Chinese. What follows a known form that is not English (a hint a
/// deserializer added in Chinese) is kept.
pub fn serde_message(m: &str) -> String {
    let m = m.trim();
    let split_expected = |rest: &str| -> (String, String) {
        match rest.split_once(", expected ") {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (rest.to_string(), String::new()),
        }
    };
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let name = first_quoted(rest).unwrap_or_default();
        let after = rest.split_once(", ").map(|(_, a)| a).unwrap_or("");
        return unknown_field(name, &quoted_names(after));
    }
    if let Some(rest) = m.strip_prefix("unknown variant ") {
        let name = first_quoted(rest).unwrap_or_default();
        let after = rest.split_once(", ").map(|(_, a)| a).unwrap_or("");
        return unknown_variant(name, &quoted_names(after));
    }
    if let Some(rest) = m.strip_prefix("missing field ") {
        return missing_field(first_quoted(rest).unwrap_or(rest));
    }
    if let Some(rest) = m.strip_prefix("duplicate field ") {
        return duplicate_field(first_quoted(rest).unwrap_or(rest));
    }
    if let Some(rest) = m.strip_prefix("invalid type: ") {
        let (f, e) = split_expected(rest);
        return invalid_type(&found(&f), &expected(&e));
    }
    if let Some(rest) = m.strip_prefix("invalid value: ") {
        let (f, e) = split_expected(rest);
        return invalid_value(&found(&f), &expected(&e));
    }
    if let Some(rest) = m.strip_prefix("invalid length ") {
        let (f, e) = split_expected(rest);
        return invalid_length(f.trim(), &expected(&e));
    }
    if m.is_ascii() && m.chars().any(|c| c.is_ascii_alphabetic()) {
        return UNREADABLE.to_string();
    }
    m.to_string()
}

/// The TOML parser's descriptions of a syntax error, in Chinese.
const SYNTAX_WORDS: &[(&str, &str)] = &[
    ("string values must be quoted", "文字须加引号"),
    ("key with no value", "键后面没有值"),
    ("missing value for key", "键后面没有值"),
    ("missing value", "缺少值"),
    ("duplicate key", "同一个键写了两次"),
    ("invalid key", "键的写法不对"),
    (
        "invalid unquoted key",
        "不加引号的键只能用英文字母、数字、- 和 _",
    ),
    ("unquoted keys cannot be empty", "键不能为空"),
    ("invalid key-value pair", "“键 = 值”的写法不对"),
    ("unclosed array table", "[[…]] 没有闭合"),
    ("unclosed table", "[…] 没有闭合"),
    ("unclosed array", "列表 [ 没有闭合"),
    ("unclosed inline table", "{ 没有闭合"),
    ("invalid table", "表头的写法不对"),
    ("missing table open", "缺少 ["),
    ("missing array opening", "缺少 ["),
    ("missing inline table opening", "缺少 {"),
    (
        "missing comma between array elements",
        "列表的各项之间缺少逗号",
    ),
    ("missing comma between key-value pairs", "各项之间缺少逗号"),
    ("missing assignment between key-value pairs", "缺少 ="),
    ("extra comma in array", "列表中多了逗号"),
    ("extra comma in inline table", "{…} 中多了逗号"),
    ("extra `=`", "多了 ="),
    ("extra assignment between key-value pairs", "多了 ="),
    ("unexpected `=` in array", "列表中不能有 ="),
    ("invalid inline table element", "{…} 中有一项写法不对"),
    ("missing key for inline table element", "{…} 中有一项缺少键"),
    ("invalid basic string", "字符串写法不对"),
    ("invalid multi-line basic string", "多行字符串写法不对"),
    ("invalid literal string", "字符串写法不对"),
    ("invalid multi-line literal string", "多行字符串写法不对"),
    ("invalid string", "字符串写法不对"),
    ("missing opening quote", "缺少开头的引号"),
    ("missing escaped value", "反斜杠 \\ 后面缺少字符"),
    ("too few unicode value digits", "\\u 后面的十六进制数字不够"),
    (
        "keys cannot be multi-line basic strings",
        "键不能是多行字符串",
    ),
    (
        "keys cannot be multi-line literal strings",
        "键不能是多行字符串",
    ),
    ("invalid value", "值的写法不对"),
    ("invalid integer number", "整数写法不对"),
    ("invalid float", "数字写法不对"),
    ("invalid fraction", "小数部分写法不对"),
    ("invalid exponent", "指数写法不对"),
    ("invalid mantissa", "数字写法不对"),
    ("invalid boolean", "只能写 true 或 false"),
    ("invalid date-time", "日期时间写法不对"),
    ("invalid binary number", "二进制数写法不对"),
    ("invalid octal number", "八进制数写法不对"),
    ("invalid hexadecimal number", "十六进制数写法不对"),
    ("integer number overflowed", "整数太大"),
    ("floating-point number overflowed", "数字太大"),
    ("unexpected leading zero", "数字不能以 0 开头"),
    ("unexpected sign", "这里不能有正负号"),
    ("redundant numeric sign", "多了正负号"),
    ("redundant integer number prefix", "多了进制前缀"),
    ("radix must be lowercase", "进制前缀须小写"),
    (
        "integers with a radix cannot be signed",
        "带进制前缀的整数不能有正负号",
    ),
    ("`_` may only go between digits", "_ 只能写在两个数字之间"),
    ("invalid comment character", "注释中有不允许的字符"),
    ("missing comment start", "缺少 #"),
    (
        "unexpected content between comment and newline",
        "注释后面有多余的内容",
    ),
    (
        "carriage return must be followed by newline",
        "回车符后须跟换行",
    ),
    ("unexpected key or value", "这里不能有键或值"),
    ("unexpected content", "多余的内容"),
    (
        "cannot recurse further; max recursion depth met",
        "嵌套太深",
    ),
    ("recursion limit", "嵌套太深"),
];

/// The TOML parser's words for what it expected, in Chinese.
const EXPECTED_WORDS: &[(&str, &str)] = &[
    ("nothing", "行尾"),
    ("key", "键"),
    ("value", "值"),
    ("literal string", "加引号的文字"),
    ("multi-line basic string", "多行字符串"),
    ("digits", "数字"),
    ("printable characters", "可打印字符"),
    ("non-single-quote characters", "单引号以外的字符"),
    (
        "non-single-quote visible characters",
        "单引号以外的可见字符",
    ),
    ("unicode hexadecimal value", "十六进制数字"),
    ("characters", "字符"),
];

/// A TOML syntax error (`key with no value, expected `=``) in Chinese.
pub fn syntax_message(m: &str) -> String {
    let first = m.trim().lines().next().unwrap_or_default();
    let (what, wanted) = match first.split_once(", expected ") {
        Some((a, b)) => (a, Some(b)),
        None => (first, None),
    };
    let lookup = |table: &[(&str, &str)], s: &str| {
        table
            .iter()
            .find(|(en, _)| *en == s)
            .map(|(_, zh)| zh.to_string())
    };
    let mut out = lookup(SYNTAX_WORDS, what.trim()).unwrap_or_else(|| SYNTAX.to_string());
    // The rest of the message may name the key and table (`duplicate key `a` in table `b``).
    if let Some(name) = m.lines().skip(1).find_map(first_quoted) {
        out.push_str(&format!("（`{name}`）"));
    }
    let wanted: Vec<String> = wanted
        .unwrap_or_default()
        .split(", ")
        .filter(|s| !s.is_empty())
        .filter_map(|w| {
            if w.starts_with('`') || w.starts_with('\'') {
                Some(w.to_string())
            } else {
                lookup(EXPECTED_WORDS, w)
            }
        })
        .collect();
    if !wanted.is_empty() {
        out.push_str(&format!("；此处应为：{}", wanted.join("、")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_read_in_chinese() {
        assert_eq!(
            serde_message("invalid type: integer `3`, expected a string"),
            "类型不对：写的是整数 `3`，应为字符串（加引号）"
        );
        assert_eq!(
            serde_message("unknown field `foo`, expected one of `id`, `name`"),
            "不认识的字段 `foo`；可用的字段：`id`、`name`"
        );
        assert_eq!(
            serde_message("unknown field `foo`, expected `id`"),
            "不认识的字段 `foo`；可用的字段：`id`"
        );
        assert_eq!(
            serde_message("unknown variant `foo`, expected one of `ratio`, `tiers`"),
            "`foo` 不是可用的值；可用的值：`ratio`、`tiers`"
        );
        assert_eq!(
            serde_message("missing field `name`"),
            "缺少必填的字段 `name`"
        );
        assert_eq!(
            serde_message("invalid type: sequence, expected 非负数，如 20 或 0.5"),
            "类型不对：写的是列表，应为非负数，如 20 或 0.5"
        );
        assert_eq!(
            serde_message("invalid type: map, expected struct Overview"),
            "类型不对：写的是表（或未加引号的日期），应为表（[名称] 或 {…}）"
        );
        assert_eq!(
            serde_message("invalid value: integer `-1`, expected u16"),
            "值不对：写的是整数 `-1`，应为不小于 0 的整数"
        );
        assert_eq!(serde_message("something else entirely"), UNREADABLE);
        assert_eq!(serde_message("「x」不是数字"), "「x」不是数字");
    }

    #[test]
    fn syntax_messages_read_in_chinese() {
        assert_eq!(
            syntax_message("key with no value, expected `=`"),
            "键后面没有值；此处应为：`=`"
        );
        assert_eq!(
            syntax_message("string values must be quoted, expected literal string"),
            "文字须加引号；此处应为：加引号的文字"
        );
        assert_eq!(syntax_message("duplicate key"), "同一个键写了两次");
        assert_eq!(syntax_message("who knows"), SYNTAX);
    }
}
