#!/usr/bin/env bash
# jixiao against plain git, in one run on one copy of the benchmark fixture:
#   jixiao commit  vs  git add + git commit   (the same change to the same record file)
#   jixiao log     vs  git log -p --follow    (the record with 1,000 revisions; first runs, then cached)
#   jixiao blame   vs  git blame              (that record; first runs, then from the cache)
#   jixiao list    vs  git grep -c over records/ (first run, then from the cache)
# then the peak memory (/usr/bin/time -v) of every jixiao command on the fixture.
#
# Usage: bench/vs-git.sh [FIXTURE_DIR]
#   FIXTURE_DIR defaults to $TMPDIR/jixiao-bench-fixture and is built when missing
#   (examples/fixture.rs: 2,000 records, 20,000 commits, dept-000/2023 with 1,000 revisions).
#   The fixture itself is not modified: the run works on a copy. RUNS=N sets the repetitions.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
fixture=${1:-${TMPDIR:-/tmp}/jixiao-bench-fixture}
runs=${RUNS:-20}

cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin jixiao --example fixture
J=$target/release/jixiao
[ -d "$fixture/.git" ] || "$target/release/examples/fixture" "$fixture"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -a "$fixture" "$work/repo"
cd "$work/repo"
export NO_COLOR=1
git status --short >/dev/null # refresh the index once, for both tools

hot=dept-000
year=2023
file=records/$hot/$year.toml
# Microseconds, read from bash's own clock: `$(date +%s%N)` forked two processes around every
# command timed, a millisecond or more added to both sides, which pulled every ratio towards 1.
now() { NOW=${EPOCHREALTIME//[.,]/}; }
edit() { sed -i "s/^report_date = .*/report_date = \"$1\"/" "$file"; }
ms() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.1f", t / n / 1000 }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "fixture: $fixture ($(git rev-list --count HEAD) commits, $(find records -name '*.toml' | wc -l) records)"
echo "machine: $(nproc) cores; git $(git --version | cut -d' ' -f3)"

# Save: the same edit (one field of the record) committed by each tool, alternating.
jt=0
gt=0
js=()
gs=()
for i in $(seq 1 "$runs"); do
	edit "jixiao $i"
	now; s=$NOW
	"$J" commit "$hot" "$year" -m "jixiao $i" >/dev/null
	now; e=$NOW
	jt=$((jt + e - s))
	js+=($((e - s)))
	edit "git $i"
	now; s=$NOW
	git add "$file"
	git commit -q -m "git $i"
	now; e=$NOW
	gt=$((gt + e - s))
	gs+=($((e - s)))
done
[ -z "$(git status --porcelain --untracked-files=no)" ] || {
	echo "working tree not clean after the commits" >&2
	exit 1
}
echo
echo "commit, mean of $runs:   jixiao commit $(ms $jt "$runs") ms   git add+commit $(ms $gt "$runs") ms   ratio $(ratio $jt $gt)"
jm=$(median "${js[@]}")
gm=$(median "${gs[@]}")
echo "commit, median of $runs: jixiao commit $jm ms   git add+commit $gm ms   ratio $(ratio "$jm" "$gm")"

# Log and blame, N times each, alternated with git: a first run (nothing kept: the caches under
# .git/jixiao/cache removed, so the whole history is walked and every revision scored), a run
# from what the first kept, and git's. Means of the N of each.
n=5
versus() { # NAME GIT_COMMAND...
	local name=$1 jf=0 jc=0 gt=0 s e
	shift
	for i in $(seq 1 $n); do
		rm -rf .git/jixiao/cache
		now; s=$NOW
		"$J" "$name" "$hot" "$year" >/dev/null
		now; e=$NOW
		jf=$((jf + e - s))
		now; s=$NOW
		"$J" "$name" "$hot" "$year" >/dev/null
		now; e=$NOW
		jc=$((jc + e - s))
		now; s=$NOW
		"$@" >/dev/null
		now; e=$NOW
		gt=$((gt + e - s))
	done
	echo "$name, mean of $n:   first run $(ms $jf $n) ms (ratio $(ratio $jf $gt))   from its cache $(ms $jc $n) ms (ratio $(ratio $jc $gt))   $* $(ms $gt $n) ms"
}
echo "log: $("$J" log "$hot" "$year" | wc -l) revisions"
versus log git log -p --follow -- "$file"
versus blame git blame -- "$file"

# List: every record with its figures, the first run (no cache: .git/jixiao/cache removed)
# and later runs (from the cache), against git grep reading every record file.
rm -rf .git/jixiao/cache
now; s=$NOW
"$J" list >/dev/null
now; e=$NOW
cold=$((e - s))
jt=0
gt=0
n=5
for i in $(seq 1 $n); do
	now; s=$NOW
	"$J" list >/dev/null
	now; e=$NOW
	jt=$((jt + e - s))
	now; s=$NOW
	git grep -c rubric -- records >/dev/null
	now; e=$NOW
	gt=$((gt + e - s))
done
echo "list ($(find records -name '*.toml' | wc -l) records): first run $(ms $cold 1) ms; then, mean of $n:   jixiao list $(ms $jt $n) ms   git grep -c $(ms $gt $n) ms   ratio $(ratio $jt $gt)"

# Peak memory of every command on the fixture.
echo
echo "peak memory (maximum resident set size):"
old=$(git rev-list -n 1 HEAD~500)
edit "memory"
for cmd in "commit $hot $year -m memory" "log $hot $year" "diff $hot $year HEAD~1 $old" \
	"diff $hot $year" "blame $hot $year" "draft $hot $year 初稿" "drafts $hot $year" \
	"score $hot $year" "check $hot $year" "list"; do
	# shellcheck disable=SC2086
	kb=$(/usr/bin/time -f "%M" "$J" $cmd 2>&1 >/dev/null | tail -n 1 || true)
	printf "  jixiao %-40s %6.1f MB\n" "$cmd" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
done
