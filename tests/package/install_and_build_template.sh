#!/usr/bin/env bash
# Installs Moshtari into a temporary prefix, builds examples/plugin-template against the installed package with
# find_package(Moshtari), and checks that the installed `moshtari` loads both the bundled plugins and the template
# and that the template does its job.
# Usage: install_and_build_template.sh BUILD_DIR SOURCE_DIR BUILD_TYPE
set -euo pipefail
build_dir=$1 source_dir=$2 build_type=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAILED: $*" >&2; exit 1; }

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
cmake -S "$source_dir/examples/plugin-template" -B "$work/template" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
      -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/template" >/dev/null

moshtari="$work/prefix/bin/moshtari"
mkdir "$work/shop"
cat > "$work/shop/moshtari.yaml" <<YAML
workspace:
  database: shop.db
plugins:
  paths: ["$(find "$work/prefix" -type d -path '*/moshtari/plugins' | head -1)", "$(find "$work/template" -type d -path '*/moshtari/plugins' | head -1)"]
tag-big-spenders:
  threshold_minor: 50000
YAML
export MOSHTARI_CONFIG="$work/shop/moshtari.yaml"

plugins=$("$moshtari" plugins list)
echo "$plugins"
grep -Eq '^tag-big-spenders +0\.1\.0 .*running' <<<"$plugins" || fail "the template plugin is not running"
grep -Eq '^segment-lifecycle .*running' <<<"$plugins" || fail "the bundled segment-lifecycle plugin is not running"

id=$("$moshtari" customers add --name "Big Buyer" --email big@example.com)
"$moshtari" orders add --customer "$id" --total 750.00 >/dev/null
"$moshtari" run --once >/dev/null
spenders=$("$moshtari" big-spenders --json)
echo "$spenders"
grep -q '"Big Buyer"' <<<"$spenders" || fail "the template did not tag the customer of a 750.00 order"
echo "installed package, out-of-tree template and installed moshtari work together"
