//! The team model: reading the file, finding members, and the roles table.

use super::key::tests::ED;
use super::*;

const RSA_LIKE: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ8HqJRmLQbycNJ9f3fegPVqd6QE4XVmUGnMMszPccA+";

fn team() -> Team {
    let text = format!(
        r#"
[[member]]
id = "zhang"
name = "张三"
email = "Zhang@Example.org"
role = "evaluator"
keys = ["{ED}"]
assignments = ["bj-traffic/2023", "bj-water"]

[[member]]
id = "li"
name = "李四"
email = "li@example.org"
role = "reviewer"

[[member]]
id = "wang"
name = "王五"
email = "wang@example.org"
role = "管理员"

[[member]]
id = "zhao"
name = "赵六"
email = "zhao@example.org"
role = "observer"
"#
    );
    Team::parse(Path::new("team.toml"), &text).unwrap()
}

#[test]
fn finds_members_by_id_key_and_email() {
    let t = team();
    assert_eq!(t.member("li").unwrap().name, "李四");
    assert_eq!(t.member("wang").unwrap().role, Role::Admin);
    // The comment of the key does not count; the case of an address does not either.
    assert_eq!(
        t.member_by_key(&format!("{RSA_LIKE} 别的注释")).unwrap().id,
        "zhang"
    );
    assert_eq!(t.member_by_email("zhang@example.ORG").unwrap().id, "zhang");
    assert!(
        t.member_by_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEsv")
            .is_none()
    );
    let e = t.member_or_err("nobody").unwrap_err().to_string();
    assert_eq!(
        e,
        "team.toml: 没有 id 为 `nobody` 的成员；现有成员：zhang、li、wang、zhao"
    );
}

#[test]
fn the_current_member_is_the_named_one_else_the_git_email() {
    let t = team();
    assert_eq!(
        t.current(Some("li"), Some("zhang@example.org")).unwrap().id,
        "li"
    );
    assert_eq!(
        t.current(None, Some("zhang@example.org")).unwrap().id,
        "zhang"
    );
    let e = t
        .current(None, Some("who@else.org"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("who@else.org 不是团队成员的邮箱"), "{e}");
    assert!(
        t.current(None, None)
            .unwrap_err()
            .to_string()
            .contains("user.email")
    );
    assert!(t.current(Some("ghost"), None).is_err());
}

#[test]
fn roles_table() {
    let t = team();
    let (zhang, li, wang, zhao) = (
        t.member("zhang").unwrap(),
        t.member("li").unwrap(),
        t.member("wang").unwrap(),
        t.member("zhao").unwrap(),
    );
    let edit = |dept, year| Action::EditRecord {
        dept,
        year,
        final_draft: None,
    };
    assert_eq!(t.allows(zhang, edit("bj-traffic", 2023)), Ok(()));
    assert_eq!(t.allows(zhang, edit("bj-water", 2019)), Ok(()));
    let e = t
        .allows(zhang, edit("bj-traffic", 2024))
        .unwrap_err()
        .to_string();
    assert_eq!(
        e,
        "张三（zhang，评价人员）不能编辑 bj-traffic/2024 的记录：bj-traffic/2024 没有分配给你（你的分工：bj-traffic/2023、bj-water）；请管理员运行 jixiao team assign zhang bj-traffic 2024"
    );
    let fin = Action::EditRecord {
        dept: "bj-traffic",
        year: 2023,
        final_draft: Some("终稿"),
    };
    assert!(
        t.allows(zhang, fin)
            .unwrap_err()
            .reason
            .contains("已命名终稿")
    );
    for m in [li, wang, zhao] {
        assert!(t.allows(m, edit("bj-traffic", 2023)).is_err(), "{}", m.id);
        assert_eq!(t.allows(m, Action::Read), Ok(()));
        assert_eq!(t.allows(m, Action::Export), Ok(()));
    }
    let name = |name, open_notes| Action::NameDraft {
        dept: "bj-traffic",
        year: 2023,
        name,
        open_notes,
    };
    assert_eq!(t.allows(zhang, name("初稿", 3)), Ok(()));
    assert_eq!(t.allows(zhang, name("征求意见稿", 0)), Ok(()));
    assert!(
        t.allows(zhang, name("终稿", 0))
            .unwrap_err()
            .reason
            .contains("只有复核人员")
    );
    assert!(t.allows(zhang, name("修改稿", 0)).is_err());
    assert_eq!(t.allows(li, name("终稿", 0)), Ok(()));
    assert_eq!(t.allows(li, name("终稿2", 0)), Ok(()));
    assert!(
        t.allows(li, name("终稿", 2))
            .unwrap_err()
            .reason
            .contains("2 条批注未解决")
    );
    assert!(t.allows(wang, name("初稿", 0)).is_err());
    let note = Action::WriteNote {
        dept: "bj-traffic",
        year: 2023,
    };
    assert_eq!(t.allows(li, note), Ok(()));
    assert!(t.allows(zhang, note).is_err());
    let answer = Action::AnswerNote {
        dept: "bj-traffic",
        year: 2023,
        final_draft: None,
    };
    assert_eq!(t.allows(zhang, answer), Ok(()));
    assert!(t.allows(li, answer).is_err());
    for a in [
        Action::EditTeam,
        Action::EditRubrics,
        Action::Reopen {
            dept: "x",
            year: 2023,
        },
    ] {
        assert_eq!(t.allows(wang, a), Ok(()));
        for m in [zhang, li, zhao] {
            assert!(t.allows(m, a).unwrap_err().reason.contains("只有管理员"));
        }
    }
}

#[test]
fn refuses_a_bad_file_naming_the_field() {
    let bad = [
        (
            "[[member]]\nid = \"Zhang\"\nname = \"张\"\nemail = \"z@x\"\nrole = \"admin\"\n",
            "member[0].id",
        ),
        (
            "[[member]]\nid = \"z\"\nname = \"张\"\nemail = \"z@x\"\nrole = \"boss\"\n",
            "member[0].role",
        ),
        (
            "[[member]]\nid = \"z\"\nname = \"张\"\nemail = \"zx\"\nrole = \"admin\"\n",
            "member[0].email",
        ),
        (
            "[[member]]\nid = \"z\"\nname = \"张\"\nemail = \"z@x\"\nrole = \"admin\"\nassignments = [\"bj/23\"]\n",
            "member[0].assignments[0]",
        ),
        (
            "[[member]]\nid = \"z\"\nname = \"张\"\nemail = \"z@x\"\nrole = \"admin\"\n[[member]]\nid = \"y\"\nname = \"李\"\nemail = \"Z@x\"\nrole = \"admin\"\n",
            "member[1].email",
        ),
        ("[drafts]\nevaluator = [\"终稿\"]\n", "drafts.evaluator"),
    ];
    for (text, field) in bad {
        match Team::parse(Path::new("team.toml"), text) {
            Err(TeamError::Field { field: f, .. }) => assert_eq!(f, field, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    let e = Team::parse(Path::new("team.toml"), "[[member]]\nid = \"z\"\n").unwrap_err();
    assert!(e.to_string().contains("team.toml"), "{e}");
    // Two members with one key.
    let text = format!(
        "[[member]]\nid = \"a\"\nname = \"甲\"\nemail = \"a@x\"\nrole = \"admin\"\nkeys = [\"{ED}\"]\n[[member]]\nid = \"b\"\nname = \"乙\"\nemail = \"b@x\"\nrole = \"observer\"\nkeys = [\"{RSA_LIKE} 另一个\"]\n"
    );
    let e = Team::parse(Path::new("team.toml"), &text)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("member[1].keys[0]") && e.contains("已属于 甲"),
        "{e}"
    );
}

#[test]
fn no_file_is_no_team_and_a_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(Team::load(dir.path()).unwrap(), None);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join(TEAM_FILE)).unwrap();
        assert!(matches!(Team::load(dir.path()), Err(TeamError::Link(_))));
    }
}

#[test]
fn edits_keep_comments_and_check_the_result() {
    let p = Path::new("team.toml");
    let key = PublicKey::parse(ED).unwrap();
    let t = edit::add_member(
        p,
        "",
        &edit::NewMember {
            id: "wang",
            name: "王五",
            email: "wang@example.org",
            role: Role::Admin,
            keys: &[],
        },
    )
    .unwrap();
    let t = t.replace("role = \"admin\"", "role = \"admin\" # 主任");
    let t = edit::add_member(
        p,
        &t,
        &edit::NewMember {
            id: "zhang",
            name: "张三",
            email: "zhang@example.org",
            role: Role::Evaluator,
            keys: &[],
        },
    )
    .unwrap();
    let t = edit::add_key(p, &t, "zhang", &key).unwrap();
    let t = edit::assign(
        p,
        &t,
        "zhang",
        &Assignment::parse("bj-traffic/2023").unwrap(),
    )
    .unwrap();
    assert_eq!(
        edit::assign(
            p,
            &t,
            "zhang",
            &Assignment::parse("bj-traffic/2023").unwrap()
        )
        .unwrap(),
        t
    );
    assert!(t.contains("# 主任"), "{t}");
    let team = Team::parse(p, &t).unwrap();
    let zhang = team.member("zhang").unwrap();
    assert_eq!(zhang.keys, vec![key.clone()]);
    assert!(zhang.assigned("bj-traffic", 2023));
    // The same key again, anywhere, is refused.
    assert!(edit::add_key(p, &t, "wang", &key).is_err());
    assert!(
        edit::add_member(
            p,
            &t,
            &edit::NewMember {
                id: "zhang",
                name: "张",
                email: "z2@x",
                role: Role::Observer,
                keys: &[]
            }
        )
        .is_err()
    );
    let t = edit::remove_member(p, &t, "zhang").unwrap();
    assert!(Team::parse(p, &t).unwrap().member("zhang").is_none());
    assert!(edit::remove_member(p, &t, "zhang").is_err());
}
