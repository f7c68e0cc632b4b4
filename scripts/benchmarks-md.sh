#!/usr/bin/env bash
# Rebuilds BENCHMARKS.md from the summary below and the per-area pages in docs/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  cat docs/bench/_summary.md
  for area in score math reference-match grounding code server credit judges models queue; do
    f="docs/bench/$area.md"
    [ -f "$f" ] || continue
    echo
    # Demote headings one level so each page becomes a section.
    sed -e 's/^\(#\{1,5\}\) /#\1 /' "$f"
  done
} > BENCHMARKS.md
