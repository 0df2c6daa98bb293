#!/bin/sh
# gen_many.sh DIR N: N packages DIR/p0000.. of 100 files each (__init__.py, m01..m99): mNN
# imports m(NN+1), m99 the next package's m01 (the last wraps to p0000). So 100 * N files
# and modules, 99 * N import edges. For tests/hostile.sh and `make bench` (many-file scaling).
set -eu
mkdir -p "$1"
cd "$1"
seq -f 'p%04g' 0 $(($2 - 1)) | xargs mkdir -p
awk -v np="$2" 'BEGIN {
  for (p = 0; p < np; p++) {
    pk = sprintf("p%04d", p)
    f = pk "/__init__.py"; printf "" > f; close(f)
    for (i = 1; i <= 99; i++) {
      f = sprintf("%s/m%02d.py", pk, i)
      if (i < 99) printf "import %s.m%02d\nX = %d\n", pk, i + 1, i > f
      else printf "import p%04d.m01\n", (p + 1) % np > f
      close(f)
    }
  }}'
