#!/usr/bin/env bash
# Builds a baseline commit of the repository into DIR for an A/B run of the pipeline bench
# (`npm run bench:pipeline -- --baseline DIR`): a detached `git worktree` of COMMIT whose
# node_modules reuses this tree's third-party packages (symlinks) but links @medicdraft/* to the
# baseline's own workspaces, then every workspace built there. Assumes the baseline's
# package-lock resolves the same third-party packages (true while no dependency was added since).
#   bash bench/pipeline/ab-baseline.sh 23c4ad6 /tmp/medicdraft-baseline
set -euo pipefail
commit="${1:?usage: ab-baseline.sh COMMIT DIR}"
dir="${2:?usage: ab-baseline.sh COMMIT DIR}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
if [ -e "$dir" ]; then
  git -C "$here" worktree remove --force "$dir" 2>/dev/null || rm -rf "$dir"
  git -C "$here" worktree prune
fi
git -C "$here" worktree add --detach "$dir" "$commit" >/dev/null
mkdir -p "$dir/node_modules/@medicdraft"
for entry in "$here"/node_modules/* "$here"/node_modules/.bin; do
  name="$(basename "$entry")"
  [ "$name" = "@medicdraft" ] && continue
  ln -s "$entry" "$dir/node_modules/$name"
done
for link in "$here"/node_modules/@medicdraft/*; do
  target="$(readlink "$link")" # relative, e.g. ../../services/audit
  ln -s "$target" "$dir/node_modules/@medicdraft/$(basename "$link")"
done
# Workspaces with nested node_modules (a version differing from the hoisted one) reuse them too.
for nested in "$here"/{packages,services,apps,tools}/*/node_modules; do
  [ -d "$nested" ] || continue
  rel="${nested#"$here"/}"
  [ -d "$dir/$(dirname "$rel")" ] && ln -s "$nested" "$dir/$rel"
done
(cd "$dir" && npx turbo run build --output-logs=errors-only >/dev/null)
echo "$dir"
