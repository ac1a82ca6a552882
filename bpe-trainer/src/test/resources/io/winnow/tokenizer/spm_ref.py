"""Reference side of the compatibility tests: real SentencePiece (pip sentencepiece==0.2.2).

  spm_ref.py train PREFIX INPUT key=value...   trains through the Python API with exactly the given flags
  spm_ref.py encode MODEL INPUT OUTPUT          encodes each '\n'-separated line of INPUT (as bytes) to ids
  spm_ref.py decode MODEL INPUT OUTPUT          decodes each line of ids to a JSON string
  spm_ref.py hf_encode TOKENIZER_JSON INPUT OUTPUT   the same lines through Hugging Face tokenizers
"""
import json
import sys

import sentencepiece as spm


def main():
    cmd = sys.argv[1]
    if cmd == "version":
        print(spm.__version__)
    elif cmd == "train":
        prefix, corpus = sys.argv[2], sys.argv[3]
        kw = dict(input=corpus, model_prefix=prefix)
        for arg in sys.argv[4:]:
            k, v = arg.split("=", 1)
            kw[k] = v
        spm.SentencePieceTrainer.train(**kw, minloglevel=2)
    elif cmd == "encode":
        sp = spm.SentencePieceProcessor(model_file=sys.argv[2])
        data = open(sys.argv[3], "rb").read()
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        with open(sys.argv[4], "w") as out:
            for ids in sp.encode(lines):
                out.write(" ".join(map(str, ids)) + "\n")
    elif cmd == "decode":
        sp = spm.SentencePieceProcessor(model_file=sys.argv[2])
        with open(sys.argv[3]) as f, open(sys.argv[4], "w", encoding="ascii") as out:
            for line in f:
                ids = [int(x) for x in line.split()]
                out.write(json.dumps(sp.decode(ids)) + "\n")
    elif cmd == "hf_encode":
        # Hugging Face tokenizers on the same lines; lines that are not valid UTF-8 cannot be a Python str,
        # so they are written as "SKIP"
        from tokenizers import Tokenizer
        tok = Tokenizer.from_file(sys.argv[2])
        tok.encode_special_tokens = True
        data = open(sys.argv[3], "rb").read()
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        with open(sys.argv[4], "w") as out:
            for line in lines:
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    out.write("SKIP\n")
                    continue
                ids = tok.encode(text, add_special_tokens=False).ids
                out.write(" ".join(map(str, ids)) + "\n")
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main()
