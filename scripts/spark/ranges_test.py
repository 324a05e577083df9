"""Checks how examples/spark/validate.py cuts files into ranges, without Spark: for random
files of line breaks, CRs and other bytes, cut into 1 to 200 ranges, the ranges' bytes put
together are each file again, every range begins at a line start, and its line offset is the
number of line breaks before it. Run by scripts/spark-check.sh.

    python3 -B scripts/spark/ranges_test.py
"""

import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "examples", "spark"))
import validate  # noqa: E402 (found through the path above)


def main():
    rng = random.Random(20)
    cases = 0
    with tempfile.TemporaryDirectory() as d:
        for _ in range(2000):
            datas, files = [], []
            for i in range(rng.randint(1, 3)):
                data = bytes(rng.choice(b"ab\n\n\r") for _ in range(rng.randint(0, 40)))
                path = os.path.join(d, f"f{i}.ndjson")
                with open(path, "wb") as f:
                    f.write(data)
                datas.append(data)
                files.append((path, len(data)))
            ranges = validate.byte_ranges(files, rng.choice([None, 1, 2, 3, 5, 7, 13, 50, 200]))
            scans = [validate.scan_range((files[f][0], files[f][1], s, e)) for f, s, e in ranges]
            spans = validate.line_starts(ranges, scans, [size for _, size in files])
            for i, data in enumerate(datas):
                mine = [(b, e, before) for f, b, e, before in spans if f == i and b < e]
                assert b"".join(data[b:e] for b, e, _ in mine) == data, (data, mine)
                for b, _e, before in mine:
                    assert b == 0 or data[b - 1] == ord("\n"), (data, mine)
                    assert before == data[:b].count(b"\n"), (data, mine)
            for (f, s, e), (_f, b, end, _before) in zip(ranges, spans):
                assert b >= end or s <= b < e, "a range's lines start in it"
            cases += 1
    print(f"ranges: {cases} random cuts put together give their files, line numbers right")


if __name__ == "__main__":
    main()
