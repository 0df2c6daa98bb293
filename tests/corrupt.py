#!/usr/bin/env python3
"""A damaged store never gives an answer (issue 14, item 1).

Builds a store from testdata/monolith with the repository's boundaries.toml, then, for each
of OFFSETS seeded random offsets, writes 1 to 16 random bytes there in the store and runs
`check`, `models`, `graph` and `propose` with --no-refresh. Each run must give the intact
answer (the same exit code and byte-identical stdout) or exit 3 with the remedy on stderr;
a different answer, with any exit code, fails. Every 8th damaged store is also given to a
plain `check`, which refreshes first: it must find the damage (every page's checksum is
read), rebuild the store and give the intact answer. Prints "ok ..." / "FAIL ..." lines (tests/run.sh `lines`).

usage: corrupt.py CUTLINE [OFFSETS [SEED]]"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMANDS = [["check", "--no-refresh"], ["models", "--no-refresh"],
            ["graph", "--no-refresh"], ["propose", "--no-refresh"]]
REMEDY = b"cutline scan --force"


def run(binary, work, args):
    p = subprocess.run([binary] + args, cwd=work, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def schema_pages(binary, work, db, pristine, want, clean):
    """Each page of sqlite_schema damaged in turn: SQLite reports a checksum that fails while
    it loads the schema as a plain I/O error (once taken for a failing disk: exit 3 where a
    refreshing check must rebuild). Returns what went wrong."""
    try:
        import sqlite3
        pages = [r[0] for r in sqlite3.connect("file:%s?mode=ro" % db, uri=True).execute(
            "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' ORDER BY pageno")]
    except Exception as e:  # an SQLite without dbstat
        print("skip the schema's pages damaged (%s)" % e)
        return []
    size = 4096
    wrong = []
    for page in pages:
        data = bytearray(pristine)
        mid = (page - 1) * size + size // 2
        data[mid:mid + 8] = bytes((b ^ 0x5a) for b in data[mid:mid + 8])
        for args, refresh in ((["check"], True), (["check", "--no-refresh"], False)):
            clean()
            with open(db, "wb") as f:
                f.write(bytes(data))
            rc, out, err = run(binary, work, args)
            if (rc, out) == want[:2] or (not refresh and rc == 3 and REMEDY in err):
                continue
            wrong.append("schema page %d damaged, %s: exit %d, %s" % (
                page, " ".join(args), rc, err.decode(errors="replace")[:300]))
    print("%s the schema's %d pages (%s) damaged in turn: a refreshing check rebuilds, "
          "--no-refresh says so" % ("FAIL" if wrong else "ok", len(pages),
                                    ", ".join(map(str, pages))))
    return wrong


def main():
    binary = os.path.abspath(sys.argv[1])
    offsets = int(sys.argv[2]) if len(sys.argv) > 2 else 240
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 14
    work = tempfile.mkdtemp(prefix="cutline-corrupt.")
    try:
        os.mkdir(os.path.join(work, "testdata"))
        shutil.copytree(os.path.join(TOP, "testdata/monolith"),
                        os.path.join(work, "testdata/monolith"), symlinks=True)
        shutil.copy(os.path.join(TOP, "boundaries.toml"), work)
        rc, _, err = run(binary, work, ["scan", "-q"])
        if rc:
            print("FAIL scan of the monolith: exit %d\n%s" % (rc, err.decode()))
            return 1
        db = os.path.join(work, ".cutline/graph.db")

        def clean():
            for s in ("-wal", "-shm"):
                if os.path.exists(db + s):
                    os.unlink(db + s)

        pristine = open(db, "rb").read()
        clean()
        intact = [run(binary, work, c) for c in COMMANDS]
        for c, (rc, out, err) in zip(COMMANDS, intact):
            if rc not in (0, 1) or not out:
                print("FAIL intact %s: exit %d\n%s" % (c[0], rc, err.decode()))
                return 1
        rnd = random.Random(seed)
        stats = {c[0]: [0, 0] for c in COMMANDS}     # [same, exit 3]
        wrong = []
        answered = refreshed = 0
        for i in range(offsets):
            off = rnd.randrange(len(pristine))
            k = rnd.randint(1, 16)
            data = bytearray(pristine)
            data[off:off + k] = bytes(rnd.randrange(256) for _ in range(k))
            data = bytes(data[:len(pristine)])
            if data == pristine:
                continue
            for c, want in zip(COMMANDS, intact):
                clean()
                with open(db, "wb") as f:
                    f.write(data)
                rc, out, err = run(binary, work, c)
                if (rc, out) == want[:2]:
                    stats[c[0]][0] += 1
                elif rc == 3 and REMEDY in err:
                    stats[c[0]][1] += 1
                else:
                    wrong.append("%s at offset %d (%d bytes): exit %d, %s" % (
                        c[0], off, k, rc, err.decode(errors="replace")[:300] or
                        "another answer"))
            if i % 8 == 0:               # check refreshes first: rebuilt, not trusted
                clean()
                with open(db, "wb") as f:
                    f.write(data)
                refreshed += 1
                rc, out, err = run(binary, work, ["check"])
                if (rc, out) != intact[0][:2]:
                    wrong.append("check (refreshing) at offset %d (%d bytes): exit %d, %s" % (
                        off, k, rc, err.decode(errors="replace")[:300] or "another answer"))
                else:
                    answered += 1
        clean()
        with open(db, "wb") as f:
            f.write(pristine)
        for c in COMMANDS:
            same, three = stats[c[0]]
            bad = [w for w in wrong if w.startswith(c[0] + " at")]
            print("%s %s --no-refresh over %d damaged stores: %d intact answers, %d exit 3, "
                  "%d other answers" % ("FAIL" if bad else "ok", c[0], same + three + len(bad),
                                        same, three, len(bad)))
        bad = [w for w in wrong if "refreshing" in w]
        print("%s check (refreshing) over %d damaged stores: %d intact answers, %d others" % (
            "FAIL" if bad else "ok", refreshed, answered, len(bad)))
        wrong += schema_pages(binary, work, db, pristine, intact[0], clean)
        for w in wrong[:20]:
            print("   " + w)
        return 1 if wrong else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
