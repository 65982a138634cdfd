#!/usr/bin/env bash
# First runs of `jixiao log` and `jixiao blame` (nothing kept: .git/jixiao/cache removed before
# each) of dept-000/2023 by one or more jixiao binaries, alternated run by run with each other
# and with git's `log -p --follow` and `blame` of the same file, on one copy of the benchmark
# fixture. Prints the median and the fastest wall-clock time of each (python3's perf_counter
# around each process), and whether every binary printed the same. With COMMANDS="list", a
# first `jixiao list` of every record, against `git grep -c` reading every record file.
#
# Usage: [COMMANDS="log blame list"] bench/first-runs.sh FIXTURE_DIR RUNS JIXIAO_BINARY [...]
#   e.g. the build before a change against the build after it; COMMANDS defaults to
#   "log blame".
set -euo pipefail
fixture=$1
runs=$2
shift 2
bins=()
for b in "$@"; do bins+=("$(realpath "$b")"); done
work=$(mktemp -d -p "${TMPDIR:-/tmp}")
trap 'rm -rf "$work"' EXIT
cp -a "$fixture" "$work/repo"
cd "$work/repo"
export NO_COLOR=1
python3 - "${COMMANDS:-log blame}" "$runs" "${bins[@]}" <<'PY'
import shutil, statistics, subprocess, sys, time
commands, runs, bins = sys.argv[1].split(), int(sys.argv[2]), sys.argv[3:]
path = "records/dept-000/2023.toml"
git = {"log": ["git", "log", "-p", "--follow", "--", path], "blame": ["git", "blame", "--", path],
       "list": ["git", "grep", "-c", "rubric", "--", "records"]}
args = {"log": ["log", "dept-000", "2023"], "blame": ["blame", "dept-000", "2023"], "list": ["list"]}
for command in commands:
    times = {b: [] for b in bins + ["git"]}
    outputs = {}
    for _ in range(runs):
        for b in bins:
            shutil.rmtree(".git/jixiao/cache", ignore_errors=True)
            t = time.perf_counter()
            done = subprocess.run([b] + args[command], stdout=subprocess.PIPE, check=True)
            times[b].append(time.perf_counter() - t)
            outputs[b] = done.stdout
        t = time.perf_counter()
        subprocess.run(git[command], stdout=subprocess.DEVNULL, check=True)
        times["git"].append(time.perf_counter() - t)
    g = statistics.median(times["git"])
    for who, ts in times.items():
        m = statistics.median(ts)
        print("%-5s %-40s median %7.1f ms  fastest %7.1f ms  ratio to git %.2f"
              % (command, who, m * 1e3, min(ts) * 1e3, m / g))
    print("%-5s output %s" % (command, "the same from every binary" if len(set(outputs.values())) == 1 else "DIFFERS"))
PY
