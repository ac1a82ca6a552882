#!/usr/bin/env bash
# Writes JAR's class-data-sharing archive (JAR without .jar, plus .jsa) by running one short tokenizer training
# with the launcher's flags, so that bin/winnow can map the classes it loads instead of parsing and linking them.
# Run by the cli module's build (mvn package); -Dwinnow.cds.skip=true skips it.
set -euo pipefail
jar="$1"
jsa="${jar%.jar}.jsa"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$jsa"
# our own text (the READMEs), nothing fetched
cat README.md */README.md > "$work/text.txt"
WINNOW_JAR="$jar" WINNOW_CDS=0 WINNOW_JAVA_OPTS="-XX:ArchiveClassesAtExit=$work/archive.jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
  bash bin/winnow tokenizer train --input "$work/text.txt" --model_prefix "$work/m" --vocab_size 2000 \
  --hard_vocab_limit=false --quiet > /dev/null
# only a complete archive gets the name the launcher looks for
if [ -s "$work/archive.jsa" ]; then
  mv "$work/archive.jsa" "$jsa"
  echo "class-data archive: $jsa ($(du -h "$jsa" | cut -f1))"
else
  echo "class-data archive: the JVM wrote none; bin/winnow starts without one" >&2
fi
