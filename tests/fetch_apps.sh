#!/bin/bash
# Unpacks the real Python 2 App Engine apps that tests/realwrites.py measures cutline
# against (annotations: testdata/realwrites/NAME.txt), each at its pinned commit, into
# .corpora/apps/NAME/ (ignored by git; no third-party code is ever committed).
#
# The apps come from local git mirrors, never from the network: each repository OWNER/REPO
# is looked for in $CUTLINE_APPS_MIRROR (default /work/.mirror) as OWNER+REPO/repo (bare, or
# with a .git inside), OWNER+REPO.git or OWNER+REPO. An app whose mirror or commit is absent
# is skipped with a "skip NAME: ..." line on stdout, and the script still exits 0.
# An app already unpacked at its commit is left as it is (.corpora/apps/NAME/.unpacked
# holds the commit).
#
# usage: tests/fetch_apps.sh [NAME...]     (default: every app below)
# env:   CUTLINE_APPS_MIRROR  folder of the git mirrors (default /work/.mirror)
#        CUTLINE_APPS_DIR     where to unpack (default .corpora/apps in the repo root)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mirror=${CUTLINE_APPS_MIRROR:-/work/.mirror}
dest=${CUTLINE_APPS_DIR:-$top/.corpora/apps}

# NAME  OWNER/REPO  COMMIT  PATHS (inside the repository; "." for all of it)
# The three luci-py apps are taken at the last commit that still has appengine/isolate
# (all three run on App Engine's python27 runtime there); each gets its own tree because
# their top-level module names collide (main_frontend, config, ...).
apps='
swarming      luci/luci-py                 32b37a1d256d40b0e8fa0732ce0c5caa52c4879d appengine/swarming appengine/components
auth_service  luci/luci-py                 32b37a1d256d40b0e8fa0732ce0c5caa52c4879d appengine/auth_service appengine/components
isolate       luci/luci-py                 32b37a1d256d40b0e8fa0732ce0c5caa52c4879d appengine/isolate appengine/components
rietveld      rietveld-codereview/rietveld a6ef0a7022b42d66d4b0a8bce32e0e835c17443b .
coursebuilder google/coursebuilder-core    08f809db3226d9269e30d5edd0edd33bd22041f4 coursebuilder
'

# gitdir OWNER/REPO: prints the mirror's git directory, or nothing.
gitdir() {
  base=$mirror/${1/\//+}
  for d in "$base/repo/.git" "$base/repo" "$base.git" "$base/.git" "$base"; do
    if [ -d "$d" ] && git --git-dir="$d" rev-parse --git-dir >/dev/null 2>&1; then
      echo "$d"
      return
    fi
  done
}

wanted() {
  [ $# -eq 1 ] && return 0
  n=$1; shift
  for w in "$@"; do [ "$w" = "$n" ] && return 0; done
  return 1
}

status=0
while read -r name repo commit paths; do
  [ -n "$name" ] || continue
  wanted "$name" "$@" || continue
  out=$dest/$name
  if [ -f "$out/.unpacked" ] && [ "$(cat "$out/.unpacked")" = "$commit" ]; then
    echo "ok $name: $out at $commit"
    continue
  fi
  g=$(gitdir "$repo")
  if [ -z "$g" ]; then
    echo "skip $name: no git mirror of $repo under $mirror"
    continue
  fi
  if ! git --git-dir="$g" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "skip $name: the mirror $g lacks commit $commit"
    continue
  fi
  mkdir -p "$dest"
  tmp=$(mktemp -d "$dest/.$name.XXXXXX")
  # shellcheck disable=SC2086  # paths are words
  if git --git-dir="$g" archive --format=tar "$commit" $paths | tar -x -C "$tmp"; then
    echo "$commit" > "$tmp/.unpacked"
    rm -rf "${out:?}"
    mv "$tmp" "$out"
    echo "ok $name: unpacked $repo $commit ($paths) into $out"
  else
    rm -rf "$tmp"
    echo "FAIL $name: git archive of $repo $commit failed"
    status=1
  fi
done <<EOF
$apps
EOF
exit $status
