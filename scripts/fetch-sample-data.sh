#!/usr/bin/env bash
# Fetches real sample text from Debian packages and writes it as Winnow document shards.
#   scripts/fetch-sample-data.sh [OUT_DIR]      (default: data/sample)
# Nothing third-party is committed: the text comes from the packages at run time.
#   fortunes     English fortune-cookie files (BSD-style licence)  -> OUT/fortunes-en/*.jsonl.gz
#   fortunes-zh  Chinese fortunes, Tang and Song poems (GPL-3+)     -> OUT/fortunes-zh/*.jsonl.gz
#   debian-reference-en, debian-reference-zh-cn: the Debian Reference manual as HTML chapters
#                and the English PDF (GPL-2+)                        -> OUT/manuals/{en,zh-cn}/
# Fortunes: one shard per fortune file, one document per fortune (JSONL, as a dump would be).
# Manuals: a raw document tree for `winnow ingest`. Idempotent: a finished OUT is left alone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/data/sample}"
cache="${WINNOW_CACHE:-$here/data/cache}/debs"
packages=(fortunes fortunes-zh debian-reference-en debian-reference-zh-cn)
version=2  # bump when the sample changes

if [ "$(cat "$out/.complete" 2>/dev/null)" = "$version" ]; then
  echo "sample data already in $out"
  exit 0
fi
mkdir -p "$cache"
missing=()
for p in "${packages[@]}"; do
  ls "$cache/${p}_"*.deb >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "downloading Debian packages: ${missing[*]}"
  if ! (cd "$cache" && apt-get download "${missing[@]}" 2>/dev/null); then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && (cd "$cache" && apt-get download "${missing[@]}")
    else
      echo "apt-get download failed; run 'sudo apt-get update' and try again" >&2
      exit 1
    fi
  fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for p in "${packages[@]}"; do
  dpkg-deb -x "$(ls "$cache/${p}_"*.deb | head -n 1)" "$work/root"
done
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
python3 - "$work/root/usr/share/games/fortunes" "$out.tmp" <<'PY'
import gzip, json, os, sys
src, out = sys.argv[1], sys.argv[2]

def decode(raw):
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", errors="replace")

zh_files = {"chinese", "song100", "tang300"}
total = 0
for name in sorted(os.listdir(src)):
    path = os.path.join(src, name)
    if not os.path.isfile(path) or os.path.islink(path) or "." in name:
        continue  # skip .dat indexes and .u8 links
    lang = "zh" if name in zh_files else "en"
    text = decode(open(path, "rb").read())
    items = [t.strip("\n") for t in text.split("\n%\n")]
    items = [t for t in items if t.strip() and t.strip() != "%"]
    d = os.path.join(out, "fortunes-" + lang)
    os.makedirs(d, exist_ok=True)
    with gzip.open(os.path.join(d, name + ".jsonl.gz"), "wt", encoding="utf-8") as f:
        for i, t in enumerate(items):
            doc = {"id": f"fortunes-{lang}/{name}/{i}", "text": t, "source": "debian:fortunes" + ("-zh" if lang == "zh" else ""),
                   "lang": lang, "metadata": {"file": name, "index": i}}
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    total += len(items)
print(f"wrote {total} documents")
PY
mkdir -p "$out.tmp/manuals/en" "$out.tmp/manuals/zh-cn"
cp "$work"/root/usr/share/debian-reference/*.en.html "$work"/root/usr/share/debian-reference/debian-reference.en.pdf "$out.tmp/manuals/en/"
cp "$work"/root/usr/share/debian-reference/*.zh-cn.html "$out.tmp/manuals/zh-cn/"
echo "$version" > "$out.tmp/.complete"
rm -rf "$out" && mv "$out.tmp" "$out"
echo "sample data in $out: $(find "$out" -name '*.jsonl.gz' | wc -l) fortune shards, $(find "$out/manuals" -type f | wc -l) manual files"
