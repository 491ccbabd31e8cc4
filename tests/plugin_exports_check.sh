#!/usr/bin/env bash
# Every plugin library under the given folders exports nothing but its entry (the missing-entry
# fixture exports nothing at all).
set -euo pipefail
count=0
while IFS= read -r -d '' library; do
    exported=$(nm -D --defined-only "$library" | awk '{print $3}')
    if [ -n "$exported" ] && [ "$exported" != "moshtari_plugin_descriptor" ]; then
        echo "FAILED: $library exports more than its entry:" >&2
        echo "$exported" | head -20 >&2
        exit 1
    fi
    count=$((count + 1))
done < <(find "$@" -name '*.so' -print0)
[ "$count" -gt 0 ] || { echo "FAILED: no plugin library found in $*" >&2; exit 1; }
echo "$count plugin libraries export nothing but moshtari_plugin_descriptor"
