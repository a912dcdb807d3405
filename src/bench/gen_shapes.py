#!/usr/bin/env python3
"""Write one of the benchmark's other tree shapes, deterministically, committed in git.

    gen_shapes.py OUT_DIR --shape small|monorepo --files N [--seed S] [--commits C]

gen_repo.py's tree has a few several-MB CSVs that slow ripgrep down; these shapes expose the
per-file cost instead (issue 15):

small     N files, nearly all small: 55% Python modules of a few KB, 10% CSV (a few KB each),
          10% PNG, 10% YAML, 10% Markdown, 5% notebooks, in a package tree; one commit.
monorepo  N files on disk, 60% of them tracked (services/*/ with the same mix as small) and 40% in
          an ignored frontend/node_modules/ and .venv/ that a scanner must not enter; a deep
          first-parent history of C commits (default 3000) in which the tree grows service by
          service and most commits change one to three files, as in a real monorepo. The last
          commit's tree is the tree on disk, so the work tree is clean.

The contents come from gen_repo.py's generators. The same arguments give the same tree and the
same commit ids. Standard library and the git CLI only.
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_repo as g  # noqa: E402

SMALL_MIX = {"py": 55, "csv": 10, "png": 10, "yaml": 10, "md": 10, "ipynb": 5}
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench Author", "GIT_AUTHOR_EMAIL": "bench@example.com",
           "GIT_COMMITTER_NAME": "Bench Author", "GIT_COMMITTER_EMAIL": "bench@example.com",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
GIT_OPTS = ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false",
            "-c", "core.compression=1", "-c", "gc.auto=0"]


def content(rng, kind, image_pool, module_ref):
    if kind == "py":
        return g.python_module(rng) if rng.random() < 0.85 else g.python_test(rng, module_ref)
    if kind == "csv":
        return g.csv_text(rng, int(rng.lognormvariate(8.0, 0.6)))
    if kind == "png":
        return g.binary(rng, ".png", rng.randint(1_000, 12_000))
    if kind == "yaml":
        return g.yaml_config(rng)
    if kind == "md":
        return g.markdown(rng)
    if kind == "ipynb":
        return g.notebook(rng, image_pool)
    raise AssertionError(kind)


def slots(rng, base, n, mix):
    """n (path, kind) pairs under base: the mix spread over a package tree, names unique per directory."""
    kinds = list(mix)
    weights = [mix[k] for k in kinds]
    out = []
    for rel, count in g.tree(rng, base, n, 1):
        used = set()
        for _ in range(count):
            kind = rng.choices(kinds, weights=weights)[0]
            if kind == "py":
                stem = "test_" + g.ident(rng) if rng.random() < 0.15 else g.ident(rng)
            elif kind == "ipynb":
                stem = f"{rng.randint(1, 99):02d}_{g.ident(rng)}"
            elif kind == "png":
                stem = f"{rng.choice(g.NOUNS)}_{rng.choice(('hist', 'roc', 'confusion', 'shap'))}"
            else:
                stem = g.ident(rng)
            out.append((rel + "/" + g.unique_name(used, stem, "." + kind), kind))
    return out


def top_files(rng, w, pkg):
    w.write(".gitignore", "*.log\n__pycache__/\n.venv/\nnode_modules/\n.ipynb_checkpoints/\n")
    w.write("README.md", g.markdown(rng, big=True))
    w.write("requirements.txt", g.requirements(rng))
    w.write("pyproject.toml", g.pyproject(rng, pkg))
    w.write(".github/workflows/ci.yml", g.WORKFLOW.format(name="ci", extra=""))
    return 5


def small(out, n, seed):
    rng = random.Random(seed)
    w = g.Writer(out)
    image_pool = [g.base64.b64encode(rng.randbytes(rng.randint(2000, 12000))).decode("ascii") for _ in range(8)]
    fixed = top_files(rng, w, "smallpkg")
    for rel, kind in slots(rng, "smallpkg", n - fixed, SMALL_MIX):
        w.write(rel, content(rng, kind, image_pool, "smallpkg.core"))
    w.finish()
    return w, [], None


def ignored(rng, w, n):
    """n files under frontend/node_modules/ and .venv/, both in .gitignore."""
    n_modules = n * 3 // 5
    for rel, count in g.tree(rng, "frontend/node_modules", n_modules, 2):
        for j in range(count):
            w.write(f"{rel}/index{j}.js" if j else f"{rel}/package.json",
                    f"module.exports = function f{j}(x) {{ return x * {j}; }};\n" if j else g.json_doc(rng))
    for rel, count in g.tree(rng, ".venv/lib/python3.11/site-packages", n - n_modules, 4):
        for j in range(count):
            w.write(f"{rel}/m{j}.py", g.python_module(rng))


def monorepo(out, n, seed, commits):
    rng = random.Random(seed)
    w = g.Writer(out)
    image_pool = [g.base64.b64encode(rng.randbytes(rng.randint(2000, 12000))).decode("ascii") for _ in range(8)]
    tracked = {}  # path -> bytes, in the order of the walk
    fixed = top_files(rng, w, "mono")
    n_tracked = n * 3 // 5
    services = max(2, n_tracked // 6000)
    per = (n_tracked - fixed) // services
    for s in range(services):
        count = per if s < services - 1 else n_tracked - fixed - per * (services - 1)
        for rel, kind in slots(rng, f"services/svc{s:02d}", count, SMALL_MIX):
            data = content(rng, kind, image_pool, f"svc{s:02d}.core")
            w.write(rel, data)
            tracked[rel] = data.encode("utf-8") if isinstance(data, str) else data
    ignored(rng, w, n - n_tracked)
    w.finish()
    return w, tracked, commits


def history(out, w, tracked, commits, seed):
    """A first-parent history of `commits` commits through git fast-import, ending at the tree on disk."""
    rng = random.Random(seed + 1)
    top = [".gitignore", "README.md", "requirements.txt", "pyproject.toml", ".github/workflows/ci.yml"]
    paths = list(tracked)
    # Files arrive in batches over the first 40% of the commits; the rest edit one to three files.
    growth = max(1, commits * 2 // 5)
    batches = [paths[i * len(paths) // growth:(i + 1) * len(paths) // growth] for i in range(growth)]
    edits = [p for p in paths if p.endswith((".py", ".yaml", ".md"))]
    stream = bytearray()

    def blob(data):
        stream.extend(b"data %d\n" % len(data))
        stream.extend(data)
        stream.extend(b"\n")

    def modify(path, data):
        stream.extend(b"M 100644 inline " + path.encode("utf-8") + b"\n")
        blob(data)

    when = 1577836800  # 2020-01-01
    added = []
    pending = {}  # path -> True when its last write was an older version
    for c in range(commits):
        when += rng.randint(600, 86400)
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(b"committer Bench Author <bench@example.com> %d +0000\n" % when)
        blob(f"change {c}".encode())
        if c == 0:
            stream.extend(b"deleteall\n")
            for p in top:
                with open(os.path.join(out, p), "rb") as fh:
                    modify(p, fh.read())
        if c < growth:
            for p in batches[c]:
                modify(p, tracked[p])
            added.extend(p for p in batches[c] if p in edits)
        if added and c > 0:
            for p in rng.sample(added, min(len(added), rng.randint(1, 3))):
                if pending.get(p):
                    modify(p, tracked[p])  # back to the final version
                    pending[p] = False
                else:
                    modify(p, tracked[p] + b"\n# revision %d\n" % c if p.endswith(".py")
                           else tracked[p] + b"\n<!-- revision %d -->\n" % c if p.endswith(".md")
                           else tracked[p] + b"\n# revision %d\n" % c)
                    pending[p] = True
        stream.extend(b"\n")
    stale = [p for p, older in pending.items() if older]
    if stale:
        when += 3600
        stream.extend(b"commit refs/heads/main\n")
        stream.extend(b"committer Bench Author <bench@example.com> %d +0000\n" % when)
        blob(b"Final revisions")
        for p in stale:
            modify(p, tracked[p])
        stream.extend(b"\n")
    env = dict(os.environ, **GIT_ENV)
    subprocess.run(["git", *GIT_OPTS, "init", "-q"], cwd=out, env=env, check=True)
    subprocess.run(["git", *GIT_OPTS, "fast-import", "--quiet"], cwd=out, env=env, check=True, input=bytes(stream))
    subprocess.run(["git", *GIT_OPTS, "symbolic-ref", "HEAD", "refs/heads/main"], cwd=out, env=env, check=True)
    subprocess.run(["git", *GIT_OPTS, "reset", "-q"], cwd=out, env=env, check=True)
    status = subprocess.run(["git", *GIT_OPTS, "status", "--porcelain"], cwd=out, env=env, check=True,
                            capture_output=True).stdout
    if status.strip():
        sys.exit("gen_shapes: the work tree differs from the last commit:\n" + status.decode()[:2000])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", metavar="OUT_DIR", help="directory to create (must not exist, or be empty)")
    parser.add_argument("--shape", required=True, choices=("small", "monorepo"))
    parser.add_argument("--files", type=int, required=True, metavar="N", help="number of files to write")
    parser.add_argument("--seed", type=int, default=42, metavar="S", help="random seed (default 42)")
    parser.add_argument("--commits", type=int, default=3000, metavar="C",
                        help="monorepo: commits in the history (default 3000)")
    args = parser.parse_args()
    if args.files < 1000:
        sys.exit("gen_shapes: --files must be at least 1000")
    if args.commits < 2:
        sys.exit("gen_shapes: --commits must be at least 2")
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"gen_shapes: {args.out} exists and is not empty")
    if shutil.which("git") is None:
        sys.exit("gen_shapes: needs the git CLI (apt-get install -y git)")
    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()
    if args.shape == "small":
        w, _, _ = small(args.out, args.files, args.seed)
        g.git_commit(args.out)
    else:
        w, tracked, commits = monorepo(args.out, args.files, args.seed, args.commits)
        history(args.out, w, tracked, commits, args.seed)
    w.finish()  # git changed the top directory's mtime
    print(f"gen_shapes: {args.shape}, {w.files} files, {w.bytes / 1e6:.1f} MB in {args.out} (seed {args.seed}) "
          f"in {time.monotonic() - started:.1f}s", file=sys.stderr)
    for ext, (count, size) in sorted(w.by_ext.items(), key=lambda kv: -kv[1][0]):
        print(f"  {ext:16} {count:7d} files {size / 1e6:9.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
