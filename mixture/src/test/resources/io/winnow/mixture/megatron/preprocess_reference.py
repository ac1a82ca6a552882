"""What Megatron-LM's tools/preprocess_data.py writes for `--json-keys text --append-eod` with a SentencePiece
model: each document encoded by real SentencePiece, the eos id appended, empty documents skipped, one
document per sequence, written with the layout-only writer of megatron_layout.py (beside this file).

  python3 preprocess_reference.py MODEL OUT_PREFIX FILE.jsonl[.gz|.zst] ...
"""
import gzip
import io
import json
import os
import subprocess
import sys

import sentencepiece as spm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import megatron_layout  # noqa: E402


def lines(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.endswith(".zst"):
        data = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
        return io.StringIO(data.decode("utf-8"))
    return open(path, encoding="utf-8")


def main():
    model, prefix, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    sp = spm.SentencePieceProcessor(model_file=model)
    vocab = sp.get_piece_size()
    code = 8 if vocab < 65500 else 4  # DType.optimal_dtype
    docs = []
    for f in files:
        for line in lines(f):
            if not line.strip():
                continue
            ids = sp.encode(json.loads(line)["text"])
            if ids:
                docs.append(ids + [sp.eos_id()])
    megatron_layout.write(prefix, code, docs)
    print(len(docs))


if __name__ == "__main__":
    main()
