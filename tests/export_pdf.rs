//! The exported .docx opens in LibreOffice: converted headless to PDF, it has the expected
//! pages (portrait body, landscape 附件) and text. Skipped, with a notice, where LibreOffice or
//! poppler-utils is not installed (`.ci/run` installs both); under `CI=true` that is a failure.

mod common;

use jixiao::export::{self, Format};
use jixiao::repo::{Dept, EXAMPLE};
use std::path::Path;
use std::process::Command;

/// Whether `tool` is installed: it starts and prints its version with `arg`.
fn have(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("tool runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `pdfinfo` of one page: its size line, e.g. `Page    1 size: 595.304 x 841.89 pts (A4)`.
fn page_size(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    run(Command::new("pdfinfo").args(["-f", &p, "-l", &p]).arg(pdf))
        .lines()
        .find(|l| l.contains(" size:"))
        .unwrap_or_default()
        .to_string()
}

/// Whether LibreOffice and poppler are installed. Where they are not, the test is skipped with
/// a notice; under `CI=true` it fails instead, so a CI machine never passes without the check.
fn tools_present() -> bool {
    let soffice = have("soffice", "--version");
    let poppler = have("pdfinfo", "-v") && have("pdftotext", "-v");
    if soffice && poppler {
        return true;
    }
    let missing = if soffice {
        "poppler-utils"
    } else {
        "LibreOffice (soffice)"
    };
    let install = "apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk";
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but {missing} is not installed ({install}; .ci/run does it)"
    );
    eprintln!("NOTICE: skipping the LibreOffice test: {missing} not installed ({install})");
    false
}

/// Writes `docx` into `dir` and converts it to PDF with LibreOffice; the PDF's path.
fn to_pdf(dir: &Path, docx: &[u8]) -> std::path::PathBuf {
    let file = dir.join("report.docx");
    std::fs::write(&file, docx).unwrap();
    // A profile of its own, so a LibreOffice already running elsewhere does not interfere.
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.display());
    run(Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(&file));
    let pdf = dir.join("report.pdf");
    assert!(pdf.is_file(), "LibreOffice wrote no PDF");
    pdf
}

#[test]
fn libreoffice_converts_the_seed_report_to_pdf() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = common::seed_repo(&dir.path().join("repo"));
    let e = repo
        .load(&Dept::parse(EXAMPLE.0).unwrap(), EXAMPLE.1)
        .unwrap();
    let pdf = to_pdf(
        dir.path(),
        &export::render(&e, Format::Docx, false).unwrap(),
    );

    let info = run(Command::new("pdfinfo").arg(&pdf));
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    // Cover, 目录, 10 to 12 pages of body and 3 or 4 of 附件, depending on the fonts installed.
    assert!((14..=20).contains(&pages), "{pages} pages");
    assert!(page_size(&pdf, 1).contains("595.3"), "A4 portrait cover");
    assert!(page_size(&pdf, 3).contains("595.3"), "A4 portrait body");
    assert!(
        page_size(&pdf, pages).contains("841.89 x 595"),
        "landscape 附件: {}",
        page_size(&pdf, pages)
    );

    let text = run(Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-"));
    let flat: String = text.split_whitespace().collect();
    for s in [
        "北京市公安局公安交通管理局",
        "2023年度部门整体绩效评价报告",
        "目录",
        "一、部门概况",
        "二、当年预算执行情况",
        "三、整体绩效目标实现情况",
        "四、预算管理情况",
        "五、总体评价结论",
        "六、措施建议",
        "表4：2023年市交通管理局部门整体绩效得分情况表",
        "得分为95.97分，综合评价等级为“优”",
        "合计10095.9795.97%",
        "90.62%",
        "18.12",
        "58.55",
        "19.30",
        "3.50*",
        "部门整体绩效评价指标体系评分表",
    ] {
        assert!(flat.contains(s), "PDF text has {s}");
    }
    // The 目录 lists the headings with page numbers, and LibreOffice shows no field code.
    assert!(!text.contains("TOC \\o"), "a field code is visible");
    let toc_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("一、部门概况"))
        .expect("a 目录 line");
    assert!(
        toc_line.trim_end().ends_with(|c: char| c.is_ascii_digit()) && toc_line.contains(".."),
        "{toc_line}"
    );
    // The body's pages are numbered from 1 (cover and 目录 carry no number).
    assert!(flat.contains("—1—"));
}

#[test]
fn libreoffice_shows_the_whole_explanation_of_a_three_row_group() {
    if !tools_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = jixiao::store::init_repo(&dir.path().join("repo")).unwrap();
    let dept = Dept::parse("city-edu").unwrap();
    let path = repo
        .create_record(&dept, 2024, "某区教育局", "beijing-department-2023")
        .unwrap();
    let mut text = std::fs::read_to_string(&path).unwrap();
    for name in ["新建改扩建学校", "教师培训", "课后服务覆盖率"] {
        text.push_str(&format!(
            "\n[[targets.indicators]]\nparent = \"outputs\"\nname = \"{name}\"\ntarget = \"≥100所\"\nactual = \"120所\"\nweight = 10\nkey_task = true\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let e = repo.load(&dept, 2024).unwrap();
    let pdf = to_pdf(dir.path(), &export::render(&e, Format::Docx, true).unwrap());
    // Reading order (no -layout): the cell's lines follow each other.
    let flat: String = run(Command::new("pdftotext").arg(&pdf).arg("-"))
        .split_whitespace()
        .collect();
    for s in [
        "产出进度：按时完成率=",
        "产出成本：①单位产出相对于上一年度的节约额",
        "③部门公用经费的控制情况。",
        "附件：2024年度部门整体绩效评价指标体系评分表",
    ] {
        assert!(flat.contains(s), "PDF text has {s}");
    }
}
