package io.winnow.mixture.megatron;

/**
 * Element types of a Megatron-LM indexed dataset, with the one-byte codes its {@code .idx} header stores
 * ({@code DType} in {@code megatron/core/datasets/indexed_dataset.py}). Token files use {@link #UINT16} or
 * {@link #INT32}; the others are read so that any Megatron file opens.
 */
public enum DType {
    UINT8(1, 1, true),
    INT8(2, 1, true),
    INT16(3, 2, true),
    INT32(4, 4, true),
    INT64(5, 8, true),
    FLOAT64(6, 8, false),
    FLOAT32(7, 4, false),
    UINT16(8, 2, true);

    /** Megatron's {@code optimal_dtype}: uint16 holds every id of a vocabulary below this size, else int32. */
    public static final int UINT16_VOCAB_LIMIT = 65_500;

    private final int code;
    private final int size;
    private final boolean integer;

    DType(int code, int size, boolean integer) {
        this.code = code;
        this.size = size;
        this.integer = integer;
    }

    /** The byte stored at offset 17 of the {@code .idx}. */
    public int code() { return code; }

    /** Bytes per element. */
    public int size() { return size; }

    public boolean isInteger() { return integer; }

    /** As {@code preprocess_data.py} chooses: uint16 when the vocabulary has fewer than 65,500 pieces, else int32. */
    public static DType forVocabulary(int vocabSize) {
        if (vocabSize < 1) throw new IllegalArgumentException("vocabulary size must be positive, got " + vocabSize);
        return vocabSize < UINT16_VOCAB_LIMIT ? UINT16 : INT32;
    }

    public static DType ofCode(int code) {
        for (DType d : values()) if (d.code == code) return d;
        throw new IllegalArgumentException("unknown Megatron dtype code " + code + " (known: 1-8)");
    }

    /** Smallest and largest value this type holds (integer types). */
    long min() {
        return switch (this) {
            case UINT8, UINT16 -> 0;
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
    }

    long max() {
        return switch (this) {
            case UINT8 -> 0xFF;
            case UINT16 -> 0xFFFF;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** numpy's name for it ({@code uint16}, {@code int32}). */
    public String numpyName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
