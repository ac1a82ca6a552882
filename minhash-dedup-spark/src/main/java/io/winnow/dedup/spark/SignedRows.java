package io.winnow.dedup.spark;

import io.winnow.core.doc.Document;
import io.winnow.core.shard.ShardReader;
import io.winnow.dedup.DedupPlan;
import io.winnow.dedup.DocSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Inside a Spark task: reads one input shard with Winnow's reader (same documents, same bad-record
 * handling, same positions as the local engine) and signs every document with {@link DocSigner}.
 * Rows stream out one by one, so a task holds one document at a time.
 */
final class SignedRows implements Iterator<Row> {
    static final StructType SCHEMA = new StructType()
            .add("shard", DataTypes.IntegerType, false)
            .add("ordinal", DataTypes.LongType, false)
            .add("id", DataTypes.StringType, true)
            .add("text_bytes", DataTypes.IntegerType, false)
            .add("quality", DataTypes.DoubleType, false)
            .add("keys", DataTypes.createArrayType(DataTypes.LongType, false), true)
            .add("set", DataTypes.BinaryType, true)
            .add("shingles", DataTypes.IntegerType, false);

    private final int shard;
    private final ShardReader reader;
    private final DocSigner signer;
    private Document next;
    private long ordinal;

    SignedRows(int shard, String path, int maxRecordBytes, DedupPlan plan) {
        this.shard = shard;
        try {
            this.reader = new ShardReader(Path.of(path), maxRecordBytes, bad -> { });
            this.next = reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.signer = new DocSigner(plan, plan.setsKind(), plan.minHasher());
        if (next == null) close();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public Row next() {
        if (next == null) throw new NoSuchElementException();
        DocSigner.Signed s = signer.sign(next);
        Row row = RowFactory.create(shard, ordinal++, s.id(), s.textBytes(), s.quality(), s.keys(), bytes(s.set()), s.shingles());
        try {
            next = reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (next == null) close();
        return row;
    }

    private void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(int[] set) {
        if (set == null) return null;
        ByteBuffer b = ByteBuffer.allocate(4 * set.length);
        b.asIntBuffer().put(set);
        return b.array();
    }

    static int[] ints(byte[] b) {
        int[] a = new int[b.length / 4];
        ByteBuffer.wrap(b).asIntBuffer().get(a);
        return a;
    }
}
