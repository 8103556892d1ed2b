#!/usr/bin/env bash
# Compare language detectors on the language-id set (issue 15; results in docs/language-id.md).
# Builds the set first if it is missing (examples/scripts/build-langid-set.sh), then runs each
# detector in its own JVM, one after the other, and prints the comparison tables.
# Usage: infra/bench/langid/compare.sh [PER_LANGUAGE] [DETECTOR ...]
#   PER_LANGUAGE  cap on documents per non-English language and set (default 30; English is whole)
#   DETECTOR      optimaize-before optimaize opennlp lingua-low lingua-high (default: all)
# Env: LANGID_CACHE (default ~/.cache/smelt/langid), SET (default $LANGID_CACHE/set: a folder with
#      long.jsonl and short.jsonl), OUT (default $LANGID_CACHE/compare)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cache="${LANGID_CACHE:-$HOME/.cache/smelt/langid}"
out="${OUT:-$cache/compare}"
set_dir="${SET:-$cache/set}"
per="${1:-30}"
shift || true
detectors=("$@")
[ ${#detectors[@]} -gt 0 ] || detectors=(optimaize-before optimaize opennlp lingua-low lingua-high)
[ -f "$cache/set/long.jsonl" ] || "$root/examples/scripts/build-langid-set.sh" "$cache"

cd "$root"
mvn -B -o -q -pl pipeline -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$out.classpath" >/dev/null
mkdir -p "$out"
cp="pipeline/target/test-classes:pipeline/target/classes:$(cat "$out.classpath")"
for d in "${detectors[@]}"; do
  java -Xmx4g -cp "$cp" dev.smelt.pipeline.language.DetectorComparison "$d" "$set_dir" "$out" "$per"
done
java -cp "$cp" dev.smelt.pipeline.language.ComparisonTable "$out" "${detectors[@]}"
