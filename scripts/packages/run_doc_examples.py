"""Runs every code example of the given Markdown files whose fence is marked `ci`
(```python ci, ```js ci, ```ts ci, ```sh ci): Python in the fresh venv with the package
installed, JavaScript/TypeScript in the fresh Node project (TypeScript type-checked with
tsc --strict, then run), shell with both on PATH. Each runs in its own scratch folder (never
the checkout) holding what the examples read from the repository root: `samples/`, `schemas/`
and `man/`.

Shell blocks (```sh, ```bash) must each be marked, and run with `bash -euo pipefail`:
- `ci`: run in a scratch folder, as above;
- `ci checkout`: commands that need the checkout (`cargo run -p ...`, `cargo install --path
  ...`, `cargo xtask ...`) run in it, everything they install or write elsewhere going to
  scratch folders: HOME is a scratch folder (with an empty `your-project/`),
  CARGO_INSTALL_ROOT another, shared by the blocks (so a block that installs the tool puts
  `metaaccess-account` on PATH for the blocks after it); builds share the checkout's `target/`;
- `exit-N` (with `ci`): the block must end with exit code N (say, a validation that finds
  the samples that are invalid on purpose);
- `ci-run`: a command `.ci/run` runs itself (each command line must appear there): checked,
  not run twice;
- `manual`: needs what CI does not have (a real access token, the network): not run, listed.

usage: run_doc_examples.py ROOT NODE_PROJECT VENV FILE.md ...
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

root, proj, venv = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
files = sys.argv[4:]
work = root / "target" / "packages" / "doc-examples"
shutil.rmtree(work, ignore_errors=True)
install_root = work / "cargo-install"
fence = re.compile(r"^```(\w+)((?: [\w-]+)*)\n(.*?)^```", re.S | re.M)
home = pathlib.Path.home()
env = dict(
    os.environ,
    PATH=f"{install_root / 'bin'}:{venv / 'bin'}:{proj / 'node_modules' / '.bin'}:{os.environ['PATH']}",
    # HOME moves to a scratch folder per block; Cargo and rustup keep theirs.
    CARGO_HOME=os.environ.get("CARGO_HOME", str(home / ".cargo")),
    RUSTUP_HOME=os.environ.get("RUSTUP_HOME", str(home / ".rustup")),
    CARGO_INSTALL_ROOT=str(install_root),
    CARGO_TARGET_DIR=os.environ.get("CARGO_TARGET_DIR", str(root / "target")),
)
ci_run = (root / ".ci" / "run").read_text()
tsc = proj / "node_modules" / ".bin" / "tsc"
passed = failed = manual = 0
for md in files:
    text = (root / md).read_text()
    for n, m in enumerate(fence.finditer(text)):
        lang, flags, code = m.group(1), m.group(2).split(), m.group(3)
        line = text[: m.start()].count("\n") + 1
        shell = lang in ("sh", "bash", "shell", "console")
        if shell and not {"ci", "ci-run", "manual"} & set(flags):
            print(f"FAIL {md}:{line}: a shell block must be marked ci, ci-run or manual")
            failed += 1
            continue
        if "manual" in flags:
            print(f"skip {md}:{line} (manual: needs a real token or the network)")
            manual += 1
            continue
        if "ci-run" in flags:
            commands = [c.split("  #")[0].strip() for c in code.splitlines()]
            missing = [c for c in commands if c and not c.startswith("#") and c not in ci_run]
            if missing:
                print(f"FAIL {md}:{line}: marked ci-run, but .ci/run does not run {missing}")
                failed += 1
            else:
                print(f"ok   {md}:{line} (run by .ci/run)")
                passed += 1
            continue
        if "ci" not in flags:
            continue
        d = work / f"{pathlib.Path(md).stem}-{pathlib.Path(md).parent.name}-{line}"
        d.mkdir(parents=True)
        for linked in ("samples", "schemas", "man"):
            (d / linked).symlink_to(root / linked)
        (d / "node_modules").symlink_to(proj / "node_modules")
        (d / "package.json").write_text('{"type": "module"}\n')
        (d / "home" / "your-project").mkdir(parents=True)
        expected = next((int(f[5:]) for f in flags if re.fullmatch(r"exit-\d+", f)), 0)
        cwd = d
        if lang == "python":
            (d / "example.py").write_text(code)
            cmds = [[str(venv / "bin" / "python"), "example.py"]]
        elif lang in ("js", "javascript"):
            (d / "example.mjs").write_text(code)
            cmds = [["node", "example.mjs"]]
        elif lang in ("ts", "typescript"):
            (d / "example.mts").write_text(code)
            cmds = [[str(tsc), "--strict", "--skipLibCheck", "--module", "nodenext", "--moduleResolution", "nodenext",
                     "--target", "es2022", "--resolveJsonModule", "--outDir", "out", "example.mts"],
                    ["node", "out/example.mjs"]]
        elif shell:
            (d / "example.sh").write_text(code)
            cmds = [["bash", "-euo", "pipefail", str(d / "example.sh")]]
            if "checkout" in flags:
                cwd = root
        else:
            print(f"FAIL {md}:{line}: no runner for {lang}")
            failed += 1
            continue
        ok = True
        block_env = dict(env, HOME=str(d / "home")) if shell else env
        for i, cmd in enumerate(cmds):
            r = subprocess.run(cmd, cwd=cwd, env=block_env, capture_output=True, text=True, timeout=1800)
            want = expected if i == len(cmds) - 1 else 0
            if r.returncode != want:
                print(f"FAIL {md}:{line} ({lang}): {' '.join(cmd)} exited {r.returncode}, not {want}\n"
                      f"{r.stdout[-2000:]}{r.stderr[-2000:]}")
                ok = False
                break
        passed += ok
        failed += not ok
        if ok:
            print(f"ok   {md}:{line} ({lang}{', in the checkout' if cwd == root else ''})")
print(f"doc examples: {passed} passed, {failed} failed, {manual} not run (manual)")
sys.exit(1 if failed or not passed else 0)
