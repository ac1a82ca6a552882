package io.winnow.tokenizer.model;

/** The protobuf scalar kinds that SentencePiece's specs use. */
enum FieldKind { STRING, BYTES, INT32, UINT64, FLOAT, BOOL, ENUM }
