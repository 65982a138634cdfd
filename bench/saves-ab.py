#!/usr/bin/env python3
"""Saves of one or more jixiao binaries against git's, alternated save by save on one copy of
the benchmark fixture: the same one-field edit of dept-000/2023 (its report_date), then
`jixiao commit` by each binary in turn and `git add` + `git commit`, ROUNDS times. Prints each
one's median and mean wall-clock time (perf_counter around the processes) and the ratio of
its median to git's. Alternating is what makes two builds comparable on a machine whose speed
drifts by a third within an hour.

Usage: bench/saves-ab.py JIXIAO_BINARY[,JIXIAO_BINARY...] FIXTURE_DIR [ROUNDS]
  e.g. bench/saves-ab.py /tmp/jixiao-before,target/release/jixiao /tmp/jixiao-bench-fixture 30
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

bins = sys.argv[1].split(",")
fixture = sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
work = tempfile.mkdtemp(dir=os.environ.get("TMPDIR", "/tmp"))
try:
    repo = os.path.join(work, "repo")
    subprocess.run(["cp", "-a", fixture, repo], check=True)
    os.chdir(repo)
    # Refresh the index once, for every tool.
    subprocess.run(["git", "status", "--short"], stdout=subprocess.DEVNULL, check=True)
    path = "records/dept-000/2023.toml"

    def edit(value):
        with open(path) as f:
            text = f.read()
        text = re.sub(r'(?m)^report_date = .*$', 'report_date = "%s"' % value, text)
        with open(path, "w") as f:
            f.write(text)

    times = {b: [] for b in bins + ["git"]}
    env = dict(os.environ, NO_COLOR="1")
    for i in range(rounds):
        for n, b in enumerate(bins + ["git"]):
            edit("ab-%d-%d" % (n, i))
            t = time.perf_counter()
            if b == "git":
                subprocess.run(["git", "add", path], check=True)
                subprocess.run(["git", "commit", "-q", "-m", "git %d" % i], check=True)
            else:
                subprocess.run([b, "commit", "dept-000", "2023", "-m", "jixiao %d" % i],
                               stdout=subprocess.DEVNULL, check=True, env=env)
            times[b].append(time.perf_counter() - t)
finally:
    shutil.rmtree(work)

median = {b: sorted(v)[len(v) // 2] for b, v in times.items()}
for b in bins + ["git"]:
    v = times[b]
    print("%-40s median %6.2f ms  mean %6.2f ms  ratio (medians) %.3f"
          % (b, median[b] * 1e3, sum(v) / len(v) * 1e3, median[b] / median["git"]))
