#!/usr/bin/env bash
# Run All in every notebook, as JupyterLab runs it: every cell, `slow` ones included, with the real data absent
# (HUMOR_CE_DATA points at a missing folder), so real-data cells must say what is missing and skip. Two at a time,
# except the notebooks that fingerprint the package's code (the pipeline's reruns): every notebook ends by exporting
# the package, rewriting its modules, so those run alone afterwards, when no other notebook is rewriting them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/humor_ce_runall}
rm -rf "$out" && mkdir -p "$out"
export HUMOR_CE_DATA=/nonexistent/humor_ce_data OMP_NUM_THREADS=1 OUT="$out"
alone='nbs/04_pipeline.ipynb nbs/05_predict.ipynb nbs/07_user_mistakes.ipynb nbs/index.ipynb'
run_one='
  log="$OUT/$(basename {}).log"
  if jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 --output-dir "$OUT" {} >"$log" 2>&1
  then echo "Run All: {} ran to the end"
  else echo "Run All: {} FAILED"; tail -40 "$log"; exit 255; fi'
ls nbs/*.ipynb | grep -v -x -F -f <(tr ' ' '\n' <<<"$alone") | xargs -P 2 -I{} sh -c "$run_one"
tr ' ' '\n' <<<"$alone" | xargs -P 1 -I{} sh -c "$run_one"
grep -l "skipped: this cell needs the real data" "$out"/*.ipynb | sed 's/^/real-data cells said what is missing and skipped in: /'
