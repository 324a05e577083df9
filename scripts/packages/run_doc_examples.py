"""Runs every code example of the given Markdown files whose fence is marked `ci`
(```python ci, ```js ci, ```ts ci, ```sh ci): Python in the fresh venv with the package
installed, JavaScript/TypeScript in the fresh Node project (TypeScript type-checked with
tsc --strict, then run), shell with both on PATH. Each runs in its own scratch folder (never
the checkout) holding what the examples read from the repository root: `samples/` and
`schemas/`.

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
fence = re.compile(r"^```(\w+)((?: [\w-]+)*)\n(.*?)^```", re.S | re.M)
env = dict(os.environ, PATH=f"{venv / 'bin'}:{proj / 'node_modules' / '.bin'}:{os.environ['PATH']}")
tsc = proj / "node_modules" / ".bin" / "tsc"
passed = failed = 0
for md in files:
    text = (root / md).read_text()
    for n, m in enumerate(fence.finditer(text)):
        lang, flags, code = m.group(1), m.group(2).split(), m.group(3)
        if "ci" not in flags:
            continue
        line = text[: m.start()].count("\n") + 1
        d = work / f"{pathlib.Path(md).stem}-{line}"
        d.mkdir(parents=True)
        (d / "samples").symlink_to(root / "samples")
        (d / "schemas").symlink_to(root / "schemas")
        (d / "node_modules").symlink_to(proj / "node_modules")
        (d / "package.json").write_text('{"type": "module"}\n')
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
        elif lang in ("sh", "bash"):
            (d / "example.sh").write_text(code)
            cmds = [["bash", "-euo", "pipefail", "example.sh"]]
        else:
            print(f"FAIL {md}:{line}: no runner for {lang}")
            failed += 1
            continue
        ok = True
        for cmd in cmds:
            r = subprocess.run(cmd, cwd=d, env=env, capture_output=True, text=True, timeout=300)
            if r.returncode != 0:
                print(f"FAIL {md}:{line} ({lang}): {' '.join(cmd)} exited {r.returncode}\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
                ok = False
                break
        passed += ok
        failed += not ok
        if ok:
            print(f"ok   {md}:{line} ({lang})")
print(f"doc examples: {passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
