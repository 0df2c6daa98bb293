#!/usr/bin/env python3
# Runs a command and prints "SECONDS MAXRSS_KB" (wall time, peak resident set of the
# child) on stderr's last line; the command's own output passes through. For bench.sh.
import resource
import subprocess
import sys
import time

t0 = time.monotonic()
rc = subprocess.call(sys.argv[1:])
dt = time.monotonic() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.write("%.4f %d\n" % (dt, rss))
sys.exit(rc)
