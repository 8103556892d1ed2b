#!/usr/bin/env bash
# Regenerate pipeline/src/main/resources/lexicons/ from npm packages (needs npm, node, a JDK, Maven):
#   naughty-words@1.2.0     LDNOOBW word lists (CC-BY-4.0)          -> ldnoobw-{en,de,fr,es}.txt
#   cuss@2.2.0              English words rated 0-2 (MIT)           -> cuss-en.tsv
#   spdx-license-list@6.12.0 SPDX licence texts (CC0-1.0)           -> spdx-license-shingles.tsv.gz
# identity-terms.tsv is hand-written (see NOTICE) and not regenerated.
# Usage: examples/scripts/fetch-lexicons.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
out="$root/pipeline/src/main/resources/lexicons"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm pack --silent naughty-words@1.2.0 cuss@2.2.0 spdx-license-list@6.12.0 >/dev/null
for t in *.tgz; do mkdir -p "${t%.tgz}"; tar xzf "$t" -C "${t%.tgz}"; done

for lang in en de fr es; do
  node -e 'for (const w of require(process.argv[1])) console.log(w.trim().toLowerCase())' \
    "$tmp/naughty-words-1.2.0/package/$lang.json" | LC_ALL=C sort -u > "$out/ldnoobw-$lang.txt"
done

node --input-type=module -e '
  const {cuss} = await import(process.argv[1]);
  for (const [w, r] of Object.entries(cuss).sort()) console.log(w.toLowerCase() + "\t" + r);
' "$tmp/cuss-2.2.0/package/index.js" > "$out/cuss-en.tsv"

mkdir -p "$tmp/licenses"
node -e '
  const fs = require("fs"), j = require(process.argv[1]);
  for (const [id, l] of Object.entries(j)) if (l.licenseText) fs.writeFileSync(process.argv[2] + "/" + id + ".txt", l.licenseText);
' "$tmp/spdx-license-list-6.12.0/package/spdx-full.json" "$tmp/licenses"
(cd "$root" && nice -n 10 mvn -B -o -q -pl pipeline -am compile)
java -cp "$root/pipeline/target/classes" dev.smelt.pipeline.copyright.LicenseIndex \
  "$tmp/licenses" "$out/spdx-license-shingles.tsv.gz"
ls -l "$out"
