# Once the scan has found the files and waits to read them (CUTLINE_TEST_READ_GATE), a.py
# becomes a FIFO and b.py a symlink to /dev/zero: the scan must end, reading neither.
mkdir gate
CUTLINE_TEST_READ_GATE=$PWD/gate timeout 30 cutline scan --no-progress -j 1 > out 2> err &
pid=$!
i=0
while [ ! -e gate/reading ] && [ $i -lt 2000 ]; do sleep 0.01; i=$((i + 1)); done
rm a.py b.py && mkfifo a.py && ln -s /dev/zero b.py
touch gate/go
wait $pid
echo "scan exit $?"
cat out
cat err >&2
