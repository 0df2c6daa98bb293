#!/bin/bash
# Unpacks the Debian packages python3-django and python3-nova under DIR
# (default: .corpora in the repo root) as real-world corpora for difftest.py,
# then prints their python roots. Usage: tests/fetch_corpora.sh [DIR]
set -eu
dir=${1:-$(cd "$(dirname "$0")/.." && pwd)/.corpora}
sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
mkdir -p "$dir/debs"
for name in django nova; do
    pkg=python3-$name
    if [ ! -e "$dir/$name/.unpacked" ]; then
        if ! ls "$dir/debs/${pkg}_"*.deb >/dev/null 2>&1; then
            (cd "$dir/debs" && { apt-get download "$pkg" >&2 ||
                { $sudo apt-get update && apt-get download "$pkg"; } >&2; })
        fi
        rm -rf "${dir:?}/$name"
        for deb in "$dir/debs/${pkg}_"*.deb; do :; done   # the last one if several
        dpkg -x "$deb" "$dir/$name"
        echo "$deb" > "$dir/$name/.unpacked"
    fi
    root=$dir/$name/usr/lib/python3/dist-packages/$name
    [ -d "$root" ] || { echo "fetch_corpora.sh: $root missing" >&2; exit 1; }
    echo "$root"
done
