#!/usr/bin/env bash
# Rebuild static/vendor/bootstrap/bootstrap.min.css: Bootstrap's own Sass, with only the parts the
# templates use (repayable-bootstrap.scss). Needs Node.js and npm (the npm registry); the built
# file is committed, so neither `make run` nor `make test` needs them.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../static/vendor/bootstrap/bootstrap.min.css"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/repayable-bootstrap.scss" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund bootstrap@5.3.9 sass@1.108.2
npx sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps \
  --silence-deprecation=import --silence-deprecation=global-builtin \
  --silence-deprecation=color-functions repayable-bootstrap.scss "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
