"""An independent reader and writer of Megatron-LM indexed datasets, written with numpy from the published
layout only (magic MMIDIDX\\0\\0, version <Q = 1, dtype code <B, sequence count <Q, document count <Q,
int32 lengths, int64 byte pointers, int64 document indices; .bin = raw little-endian tokens).

  python3 megatron_layout.py read PREFIX          -> JSON summary and every sequence on stdout
  python3 megatron_layout.py write PREFIX CODE    -> reads JSON documents (list of lists) on stdin
"""
import json
import struct
import sys

import numpy as np

CODES = {1: np.uint8, 2: np.int8, 3: np.int16, 4: np.int32, 5: np.int64, 6: np.float64, 7: np.float32, 8: np.uint16}
MAGIC = b"MMIDIDX\x00\x00"


def read(prefix):
    with open(prefix + ".idx", "rb") as f:
        head = f.read(34)
    assert head[:9] == MAGIC, "bad magic"
    version, = struct.unpack("<Q", head[9:17])
    code, = struct.unpack("<B", head[17:18])
    s, d = struct.unpack("<QQ", head[18:34])
    idx = np.memmap(prefix + ".idx", dtype=np.uint8, mode="r")
    lengths = np.frombuffer(idx, dtype="<i4", count=s, offset=34)
    pointers = np.frombuffer(idx, dtype="<i8", count=s, offset=34 + 4 * s)
    docs = np.frombuffer(idx, dtype="<i8", count=d, offset=34 + 12 * s)
    assert idx.size == 34 + 12 * s + 8 * d, "index size %d does not match its counts" % idx.size
    dt = np.dtype(CODES[code]).newbyteorder("<")
    binary = np.memmap(prefix + ".bin", dtype=np.uint8, mode="r")
    seqs = [np.frombuffer(binary, dtype=dt, count=int(n), offset=int(p)).tolist() if n else []
            for n, p in zip(lengths, pointers)]
    return {"version": version, "dtype_code": code, "dtype": dt.name, "sequence_count": s, "document_count": d,
            "lengths": lengths.tolist(), "pointers": pointers.tolist(), "document_indices": docs.tolist(),
            "bin_bytes": int(binary.size), "sequences": seqs}


def write(prefix, code, documents):
    dt = np.dtype(CODES[code]).newbyteorder("<")
    lengths = np.array([len(x) for x in documents], dtype="<i4")
    pointers = np.zeros(len(documents), dtype="<i8")
    if len(documents):
        pointers[1:] = np.cumsum(lengths[:-1].astype(np.int64)) * dt.itemsize
    doc_idx = np.arange(len(documents) + 1, dtype="<i8")
    with open(prefix + ".bin", "wb") as f:
        for x in documents:
            f.write(np.array(x, dtype=dt).tobytes(order="C"))
    with open(prefix + ".idx", "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<Q", 1))
        f.write(struct.pack("<B", code))
        f.write(struct.pack("<Q", len(lengths)))
        f.write(struct.pack("<Q", len(doc_idx)))
        f.write(lengths.tobytes(order="C"))
        f.write(pointers.tobytes(order="C"))
        f.write(doc_idx.tobytes(order="C"))


if __name__ == "__main__":
    if sys.argv[1] == "read":
        json.dump(read(sys.argv[2]), sys.stdout)
    elif sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), json.load(sys.stdin))
    elif sys.argv[1] == "version":
        print(np.__version__)
