"""Validate captured Account Details responses (NDJSON) on Apache Spark with the
`metaaccess-account` command-line tool: the same verdicts as one
`metaaccess-account validate INPUT --input-format ndjson --format json` process, record for
record, for any partitioning.

    spark-submit --master local[2] examples/spark/validate.py \
        --input PATH --output DIR [--binary PATH] [--partitions N]

PATH is an NDJSON file, or a directory searched as the tool searches one (files ending in
.json, .ndjson, .jsonl or .har, in the tool's order, every one read as NDJSON). Every executor
must be able to open PATH: a local or shared (mounted) file system, not hdfs:// or s3://.
DIR must not exist; it is created only when the job succeeds. Each output line is the tool's
JSON verdict for one record, with "locator": "line N", N being the 1-based line number in its
whole input file. The job exits 0 when every record was checked, whatever the verdicts, and
nonzero when a record could not be checked (a missing or crashing binary, lost output).

The recipe does no record splitting of its own: it cuts the input into byte ranges at line
breaks (`\\n` bytes) and pipes the exact bytes of each range to the tool, which splits and
checks the records as it does for a whole file.
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import uuid

from pyspark import AccumulatorParam
from pyspark.sql import SparkSession

# The file extensions a directory walk reads (crates/metaaccess-account-cli/src/input/walk.rs).
EXTENSIONS = ("json", "ndjson", "jsonl", "har")
# The end of the message of a line over --max-record-bytes after which the tool stops reading
# its input (no line break within --max-har-bytes: crates/metaaccess-account-cli/src/input/
# ndjson.rs). One process then reads no more of that file, so neither do later ranges.
GAVE_UP = "the rest of this input was not read"
DEFAULT_RANGE_BYTES = 128 * 1024 * 1024
READ_BYTES = 1024 * 1024
# Marks the errors raised in tasks, to find them again in Spark's report of a failed job.
ERROR_MARK = "spark-validate: "


class InputError(Exception):
    """An input the driver cannot take (exit status 2)."""


class TaskError(RuntimeError):
    def __init__(self, message):
        super().__init__(ERROR_MARK + message)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True,
                   help="an NDJSON file or a directory of them, on a file system every "
                        "executor can read")
    p.add_argument("--output", required=True,
                   help="directory for the verdicts (must not exist; any Hadoop file system)")
    p.add_argument("--binary", default="metaaccess-account",
                   help="the metaaccess-account executable (default: found on PATH)")
    p.add_argument("--partitions", type=int, default=None,
                   help="split the input into about this many byte ranges, one task each "
                        f"(default: one per {DEFAULT_RANGE_BYTES >> 20} MiB)")
    # Passed on to `validate` as they are.
    p.add_argument("--api-version", default=None, help="passed on to validate")
    p.add_argument("--strict", action="store_true", help="passed on to validate")
    p.add_argument("--max-record-bytes", default=None, help="passed on to validate")
    p.add_argument("--max-har-bytes", default=None, help="passed on to validate")
    args = p.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    return args


def tool_options(args):
    """The options given to every `validate` process besides the fixed ones."""
    extra = []
    for name in ("api_version", "max_record_bytes", "max_har_bytes"):
        value = getattr(args, name)
        if value is not None:
            extra += ["--" + name.replace("_", "-"), value]
    if args.strict:
        extra.append("--strict")
    return extra


# --- The driver: finding the files and cutting them into ranges --------------------------------

def _has_input_extension(name):
    stem, dot, ext = name.rpartition(".")
    # As Rust's Path::extension: "a.json" has one, ".json" and "json" do not.
    return bool(dot and stem and ext.isascii() and ext.lower() in EXTENSIONS)


def _walk(directory, found):
    """The files `validate DIRECTORY` reads, in its order (walk.rs): sorted by name, directories
    searched where they sort, links to directories not followed. What it could not read there,
    the recipe refuses."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: os.fsencode(e.name))
    except OSError as e:
        raise InputError(f"cannot list {directory}: {e}")
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(entry.path, found)
            continue
        if not _has_input_extension(entry.name):
            continue
        try:
            mode = os.stat(entry.path).st_mode
        except OSError as e:
            raise InputError(f"cannot read {entry.path}: {e}")
        if stat.S_ISDIR(mode) and entry.is_symlink():
            continue  # not followed
        if not stat.S_ISREG(mode):
            raise InputError(f"{entry.path} is not a regular file")
        found.append(entry.path)


def input_files(path):
    """(the name the tool reports as `source`, its size) of every file to read."""
    if "://" in path:
        raise InputError(f"{path}: the input must be a path on a local or shared file "
                         "system that every executor can open (not a URL)")
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        raise InputError(f"cannot read {path}: {e}")
    if stat.S_ISDIR(mode):
        files = []
        _walk(path, files)
    elif stat.S_ISREG(mode):
        files = [path]
    else:
        raise InputError(f"{path} is not a regular file or a directory")
    return [(f, os.path.getsize(f)) for f in files]


def byte_ranges(files, partitions):
    """Cuts each file into ranges [start, end) of about the same size: (file number, start, end)."""
    total = sum(size for _, size in files)
    step = DEFAULT_RANGE_BYTES if partitions is None else max(1, -(-total // partitions))
    return [(i, start, min(start + step, size))
            for i, (_, size) in enumerate(files)
            for start in range(0, size, step)]


def line_starts(ranges, scans, sizes):
    """Where the lines of each range begin, and how many lines come before that in its file.

    A line belongs to the range it starts in (Hadoop's rule): a range other than a file's first
    begins right after the first line break at or after its start - 1, and ends where the next
    range begins (or at the end of the file). `scans[k]` is (line breaks in range k, the
    position of the first line break in [start - 1, end), or None)."""
    firsts = []  # (begin, lines before) per range
    following = None  # the first line break found in a later range of the same file
    lines_before = []  # line breaks before each range's start
    counted = {}
    for (f, _start, _end), (count, _first) in zip(ranges, scans):
        counted.setdefault(f, 0)
        lines_before.append(counted[f])
        counted[f] += count
    for k in range(len(ranges) - 1, -1, -1):
        f, start, _end = ranges[k]
        first = scans[k][1]
        if k + 1 == len(ranges) or ranges[k + 1][0] != f:
            following = None
        if first is not None:
            # Lines before position first + 1: those before this range's start, plus the
            # break at `first` itself when it lies in this range.
            following = (first + 1, lines_before[k] + (0 if first == start - 1 else 1))
        if start == 0:
            firsts.append((0, 0))
        elif following is not None:
            firsts.append(following)
        else:
            firsts.append((sizes[f], None))  # no line starts here
    firsts.reverse()
    spans = []
    for k, (f, _start, _end) in enumerate(ranges):
        begin, before = firsts[k]
        end = firsts[k + 1][0] if k + 1 < len(ranges) and ranges[k + 1][0] == f else sizes[f]
        spans.append((f, begin, end, before))
    return spans


# --- The tasks --------------------------------------------------------------------------------

def _open_exact(path, size):
    f = open(path, "rb")  # noqa: SIM115 (closed by the caller)
    now = os.fstat(f.fileno()).st_size
    if now != size:
        f.close()
        raise TaskError(f"{path} changed while the job ran ({size} bytes, now {now})")
    return f


def scan_range(task):
    """Pass 1: (line breaks in [start, end), position of the first one in [start - 1, end))."""
    path, size, start, end = task
    lo = max(start - 1, 0)
    count, first, pos = 0, None, lo
    with _open_exact(path, size) as f:
        f.seek(lo)
        while pos < end:
            buf = f.read(min(READ_BYTES, end - pos))
            if not buf:
                raise TaskError(f"{path} ended early at byte {pos} (changed while read?)")
            if first is None:
                i = buf.find(b"\n")
                if i >= 0:
                    first = pos + i
            count += buf.count(b"\n")
            pos += len(buf)
    if lo < start and first == lo:
        count -= 1  # the break at start - 1 is the previous range's
    return count, first


def _gave_up(verdict):
    errors = json.loads(verdict).get("errors") or []
    return len(errors) == 1 and str(errors[0].get("message", "")).endswith(GAVE_UP)


def check_range(binary, options, task, report):
    """Pass 2: pipes bytes [begin, end) of a file to the tool and yields its verdicts; adds
    (range, the tool's summary, whether it stopped reading) to `report`. Raises when a record
    could not be checked."""
    index, path, size, source, begin, end, before = task
    cmd = [binary, "validate", "-", "--input-format", "ndjson", "--format", "json",
           "--source-name", source, "--line-offset", str(before),
           "--summary", "stderr", "--exit-zero", "--jobs", "1", *options]
    where = f"{source} bytes {begin}..{end} (from line {before + 1})"
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as e:
        raise TaskError(f"cannot run {binary}: {e}") from None
    failures, stderr = [], []

    def feed():
        try:
            with _open_exact(path, size) as f:
                f.seek(begin)
                pos = begin
                while pos < end:
                    buf = f.read(min(READ_BYTES, end - pos))
                    if not buf:
                        raise TaskError(f"{path} ended early at byte {pos}")
                    proc.stdin.write(buf)
                    pos += len(buf)
        except BrokenPipeError:
            pass  # the tool stopped reading: its exit status and summary tell why
        except BaseException as e:  # noqa: BLE001 (handed to the task)
            failures.append(e)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    threads = [threading.Thread(target=feed, daemon=True),
               threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)]
    for t in threads:
        t.start()
    count, last = 0, None
    for line in proc.stdout:
        last = line.decode("utf-8").rstrip("\n")
        count += 1
        yield last
    status = proc.wait()
    for t in threads:
        t.join()
    if failures:
        if isinstance(failures[0], TaskError):
            raise failures[0]
        raise TaskError(f"reading {where}: {failures[0]!r}")
    err = b"".join(stderr).decode("utf-8", "replace")
    if status != 0:
        raise TaskError(f"{binary} exited with {status} on {where}: {err[-2000:]}")
    summaries = [line for line in err.splitlines() if line.startswith('{"summary"')]
    if not summaries:
        raise TaskError(f"{binary} printed no summary on {where}: {err[-2000:]}")
    summary = json.loads(summaries[-1])["summary"]
    if summary["records"] != count:
        raise TaskError(f"lost output on {where}: the tool checked {summary['records']} "
                        f"records but {count} verdicts came")
    stopped = last is not None and _gave_up(last)
    report.add({index: (summary, stopped)})


class DictParam(AccumulatorParam):
    """Merges {range: report} dicts (a retried task reports the same range again)."""

    def zero(self, value):
        return {}

    def addInPlace(self, a, b):
        a.update(b)
        return a


# --- The job ----------------------------------------------------------------------------------

def _task_error(e):
    """The error a task raised, from Spark's report of the failed job (or the report's start)."""
    text = str(e)
    for line in text.splitlines():
        i = line.find(ERROR_MARK)
        if i >= 0:
            return line[i + len(ERROR_MARK):]
    return text.strip().splitlines()[0] if text.strip() else repr(e)


def run(spark, args):
    """Runs the job; the exit status. The output directory exists only when it is 0."""
    binary = shutil.which(args.binary) or args.binary
    # A relative ./path names a file shipped to the executors (--files), which the driver may
    # not have; anything else must be an executable here too.
    if not args.binary.startswith("./") and not os.access(binary, os.X_OK):
        print(f"error: {args.binary} is not an executable (nor on PATH)", file=sys.stderr)
        return 2
    sc = spark.sparkContext
    jvm = sc._jvm  # Hadoop's FileSystem: the output may be on any file system Spark writes to
    conf = sc._jsc.hadoopConfiguration()
    out = jvm.org.apache.hadoop.fs.Path(args.output)
    fs = out.getFileSystem(conf)
    out = fs.makeQualified(out)
    if fs.exists(out):
        print(f"error: {args.output} exists already", file=sys.stderr)
        return 2
    try:
        files = input_files(args.input)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    # Hidden (a leading "."), so that nothing reading the parent directory takes it for data.
    partial = jvm.org.apache.hadoop.fs.Path(out.getParent(),
                                            f".{out.getName()}.partial-{uuid.uuid4().hex}")
    done = False
    try:
        sizes = [size for _, size in files]
        # Executors open absolute paths (their working directory may differ); verdicts name
        # the paths as given, as the tool does.
        opened = [os.path.abspath(name) for name, _ in files]
        ranges = byte_ranges(files, args.partitions)
        scans = []
        if ranges:
            scans = (sc.parallelize([(opened[f], sizes[f], s, e) for f, s, e in ranges],
                                    len(ranges))
                     .map(scan_range).collect())
        tasks = [(k, opened[f], sizes[f], files[f][0], begin, end, before)
                 for k, (f, begin, end, before) in enumerate(line_starts(ranges, scans, sizes))
                 if begin < end]
        report = sc.accumulator({}, DictParam())
        options = tool_options(args)
        (sc.parallelize(tasks, max(1, len(tasks)))
           .mapPartitions(lambda it: (v for t in it for v in check_range(binary, options, t,
                                                                          report)))
           .saveAsTextFile(partial.toString()))
        reports = report.value
        missing = [t[0] for t in tasks if t[0] not in reports]
        if missing:
            raise TaskError(f"no report from {len(missing)} of {len(tasks)} tasks")
        # One process reads no more of a file after a line it gave up on: drop what later
        # ranges of that file checked (their part files; task i wrote part-i).
        totals = dict.fromkeys(("records", "valid", "invalid", "drift", "skipped", "bytes"), 0)
        stopped_files = set()
        for i, (k, path, *_rest) in enumerate(tasks):
            if path in stopped_files:
                fs.delete(jvm.org.apache.hadoop.fs.Path(partial, f"part-{i:05d}"), False)
                continue
            summary, stopped = reports[k]
            for key in totals:
                totals[key] += summary[key]
            if stopped:
                stopped_files.add(path)
        if fs.exists(out) or not fs.rename(partial, out):
            raise TaskError(f"could not move the verdicts to {args.output} (does it exist now?)")
        done = True
        print(json.dumps({"summary": totals}))
        return 0
    except Exception as e:  # a failed task: a record could not be checked
        print(f"error: {_task_error(e)}", file=sys.stderr)
        return 1
    finally:
        if not done:
            try:
                fs.delete(partial, True)
            except Exception as e:  # noqa: BLE001 (the job's error is the one to report)
                print(f"warning: could not remove {partial.toString()}: {e}", file=sys.stderr)


def main(argv):
    args = parse_args(argv)
    spark = SparkSession.builder.appName("metaaccess-account validate").getOrCreate()
    try:
        return run(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
