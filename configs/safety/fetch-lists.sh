#!/usr/bin/env bash
# Fetches an open profanity list from npm and writes it in Winnow's keyword-list layout:
#   OUT/<lang>/<category>.txt (one term per line) and OUT/<lang>/allow.txt where the source needs one.
# The lists are third-party data: fetch them where they are used, do not commit them.
#
# Usage: configs/safety/fetch-lists.sh [--source NAME] OUT_DIR
#   ldnoobw            naughty-words@1.2.0: the "List of Dirty, Naughty, Obscene, and Otherwise Bad
#                      Words" C4 and datatrove use (28 languages, CC-BY-4.0). Category "profanity", hard
#                      terms (C4 drops a page on any of them); allow lists as datatrove's C4 filter
#                      (zh: 性; ja: sm, グロ, 女の子). The default.
#   2toad              @2toad/profanity@3.3.0: 12 languages (MIT). Category "profanity", hard terms.
#   bad-words-chinese  bad-words-chinese@1.0.2: Chinese and English terms (MIT). Category "profanity".
# Needs npm and node. Re-running replaces OUT_DIR's files for that source.
set -euo pipefail

source_name=ldnoobw
if [ "${1:-}" = "--source" ]; then source_name="$2"; shift 2; fi
out="${1:?usage: $0 [--source ldnoobw|2toad|bad-words-chinese] OUT_DIR}"

case "$source_name" in
  ldnoobw) pkg="naughty-words@${VERSION:-1.2.0}" ;;
  2toad) pkg="@2toad/profanity@${VERSION:-3.3.0}" ;;
  bad-words-chinese) pkg="bad-words-chinese@${VERSION:-1.0.2}" ;;
  *) echo "$0: unknown source '$source_name' (ldnoobw, 2toad, bad-words-chinese)" >&2; exit 2 ;;
esac
command -v npm >/dev/null || { echo "$0: npm is needed (apt-get install npm)" >&2; exit 1; }
command -v node >/dev/null || { echo "$0: node is needed (apt-get install nodejs)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$pkg" >/dev/null)
tar xzf "$work"/*.tgz -C "$work"
mkdir -p "$out"

SOURCE="$source_name" PKG="$pkg" OUT="$out" node - "$work/package" <<'JS'
const fs = require('fs'), path = require('path');
const dir = process.argv[2], out = process.env.OUT, pkg = process.env.PKG;
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const lists = {};                         // lang -> terms
const allow = {};                         // lang -> allowed terms
switch (process.env.SOURCE) {
  case 'ldnoobw':
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.json') || f === 'package.json' || f === 'bower.json' || f.startsWith('package-lock')) continue;
      const lang = f.slice(0, -5).split('-')[0];
      const terms = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      if (Array.isArray(terms)) lists[lang] = (lists[lang] || []).concat(terms);
    }
    allow.zh = ['性'];
    allow.ja = ['sm', 'グロ', '女の子'];
    break;
  case '2toad': {
    const words = require(path.join(dir, 'dist/data/profane-words.js')).profaneWords;
    for (const [lang, terms] of words) lists[lang] = terms;
    break;
  }
  case 'bad-words-chinese':
    lists.zh = JSON.parse(fs.readFileSync(path.join(dir, 'libs/badWordsChinese.json'), 'utf8')).words;
    break;
}
const header = (what) => `# ${what} from npm ${pkg} (license: ${meta.license}); fetched by configs/safety/fetch-lists.sh\n`;
let total = 0;
for (const [lang, terms] of Object.entries(lists)) {
  const clean = [...new Set(terms.map(t => String(t).trim()).filter(t => t.length > 0))]
    .map(t => t.startsWith('#') ? '\\' + t : t);
  fs.mkdirSync(path.join(out, lang), { recursive: true });
  fs.writeFileSync(path.join(out, lang, 'profanity.txt'), header('Hard terms, category profanity,') + clean.join('\n') + '\n');
  total += clean.length;
}
for (const [lang, terms] of Object.entries(allow)) {
  fs.mkdirSync(path.join(out, lang), { recursive: true });
  fs.writeFileSync(path.join(out, lang, 'allow.txt'), header('Allowed terms (as datatrove\'s C4 bad-words filter)') + terms.join('\n') + '\n');
}
console.log(`${pkg}: ${total} terms in ${Object.keys(lists).length} languages -> ${out}`);
JS
