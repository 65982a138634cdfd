#!/usr/bin/env bash
# One save of jixiao against git's, alternated on one copy of the benchmark fixture: the same
# one-field edit of dept-000/2023, then `jixiao commit` or `git add` + `git commit`, RUNS times
# each. Prints the median and mean wall-clock time of each (python3's perf_counter around
# each process) and, when `perf` is installed, each side's mean CPU time (task-clock).
#
# Usage: bench/saves-vs-git.sh JIXIAO_BINARY FIXTURE_DIR [RUNS]
#   BASE=/dev/shm puts the copy on tmpfs (default: $TMPDIR or /tmp).
set -euo pipefail
bin=$(realpath "$1")
fixture=$2
runs=${3:-20}
work=$(mktemp -d -p "${BASE:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$work"' EXIT
cp -a "$fixture" "$work/repo"
cd "$work/repo"
git status --short >/dev/null # refresh the index once, for both tools
export NO_COLOR=1
file=records/dept-000/2023.toml
edit() { sed -i "s/^report_date = .*/report_date = \"$1\"/" "$file"; }
if command -v perf >/dev/null 2>&1; then
	for i in $(seq 1 "$runs"); do
		edit "cpu-j$i"
		perf stat -x, -e task-clock -o "$work/j" "$bin" commit dept-000 2023 -m "cpu-j$i" >/dev/null
		edit "cpu-g$i"
		perf stat -x, -e task-clock -o "$work/g" sh -c "git add $file && git commit -q -m cpu-g$i"
		echo "$(grep task-clock "$work/j" | cut -d, -f1) $(grep task-clock "$work/g" | cut -d, -f1)"
	done | awk '{j += $1; g += $2} END {printf "CPU (task-clock) mean of %d: jixiao %.1f ms, git add+commit %.1f ms (with its sh), ratio %.2f\n", NR, j / NR, g / NR, j / g}'
fi
python3 - "$bin" "$runs" "$file" <<'PY'
import re, subprocess, sys, time
binary, runs, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def edit(value):
    with open(path) as f:
        text = f.read()
    text = re.sub(r'(?m)^report_date = .*$', 'report_date = "%s"' % value, text)
    with open(path, "w") as f:
        f.write(text)
j, g = [], []
for i in range(runs):
    edit("wall-j%d" % i)
    t = time.perf_counter()
    subprocess.run([binary, "commit", "dept-000", "2023", "-m", "wall-j%d" % i], stdout=subprocess.DEVNULL, check=True)
    j.append(time.perf_counter() - t)
    edit("wall-g%d" % i)
    t = time.perf_counter()
    subprocess.run(["git", "add", path], check=True)
    subprocess.run(["git", "commit", "-q", "-m", "wall-g%d" % i], check=True)
    g.append(time.perf_counter() - t)
j.sort(); g.sort()
m = runs // 2
print("wall median of %d: jixiao %.1f ms, git add+commit %.1f ms, ratio %.2f; means %.1f / %.1f ms = %.2f"
      % (runs, j[m] * 1e3, g[m] * 1e3, j[m] / g[m], sum(j) / runs * 1e3, sum(g) / runs * 1e3, sum(j) / sum(g)))
PY
