package io.winnow.train.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.winnow.train.optim.AdamW;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checkpoints under {@code RUN/checkpoints/step-NNNNNNNN/}: {@code model.params} (DJL's parameter format: every
 * weight, bit for bit), {@code optimizer.ndlist} (AdamW's moments) and {@code state.json} ({@link TrainState}).
 * A checkpoint is written into a temp directory, synced and renamed, and only then named in {@code latest}; a
 * crash mid-write leaves the previous checkpoint as the latest. Regular checkpoints beyond {@code keepLast} are
 * deleted oldest first; release checkpoints (keep-every-K-tokens) are never deleted.
 */
public final class CheckpointStore {
    public static final String DIR = "checkpoints";
    public static final String LATEST = "latest";
    static final String MODEL = "model.params";
    static final String OPTIMIZER = "optimizer.ndlist";
    static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final int keepLast;

    public CheckpointStore(Path runDir, int keepLast) {
        this.dir = runDir.resolve(DIR);
        this.keepLast = Math.max(1, keepLast);
    }

    public Path dir() { return dir; }

    public static String name(long step) {
        return String.format("step-%08d", step);
    }

    /** Writes a checkpoint and makes it the latest; returns its directory. */
    public Path save(Block model, AdamW optimizer, TrainState state) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name(state.step()));
        Path tmp = dir.resolve(".tmp-" + name(state.step()));
        deleteTree(tmp);
        Files.createDirectories(tmp);
        try (DataOutputStream os = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve(MODEL)), 1 << 20))) {
            model.saveParameters(os);
        }
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp.resolve(OPTIMIZER)), 1 << 20)) {
            optimizer.state().encode(os);
        }
        Files.write(tmp.resolve(STATE), JSON.writeValueAsBytes(state));
        for (String f : List.of(MODEL, OPTIMIZER, STATE)) sync(tmp.resolve(f));
        deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        writeAtomically(dir.resolve(LATEST), target.getFileName().toString() + "\n");
        prune();
        return target;
    }

    /** The checkpoint {@code latest} names, or null when there is none. */
    public Path latest() throws IOException {
        Path f = dir.resolve(LATEST);
        if (!Files.exists(f)) return null;
        Path c = dir.resolve(Files.readString(f, StandardCharsets.UTF_8).trim());
        return Files.isDirectory(c) ? c : null;
    }

    /**
     * A checkpoint directory from what the user gave {@code --resume}: a checkpoint itself, a run directory or its
     * {@code checkpoints/} (then the latest in it).
     */
    public static Path locate(Path given) throws IOException {
        if (Files.exists(given.resolve(STATE))) return given;
        for (Path d : List.of(given.resolve(DIR), given)) {
            Path f = d.resolve(LATEST);
            if (Files.exists(f)) {
                Path c = d.resolve(Files.readString(f, StandardCharsets.UTF_8).trim());
                if (Files.exists(c.resolve(STATE))) return c;
                throw new NoSuchFileException(c.toString(), null, "named in " + f + " but not a complete checkpoint");
            }
        }
        throw new NoSuchFileException(given.toString(), null, "no checkpoint here (expected state.json, or checkpoints/latest of a run)");
    }

    public static TrainState readState(Path checkpoint) throws IOException {
        return JSON.readValue(checkpoint.resolve(STATE).toFile(), TrainState.class);
    }

    /** Loads a checkpoint's weights into {@code model} (already built with the same shape) and the moments into {@code optimizer}. */
    public static TrainState load(Path checkpoint, Block model, AdamW optimizer, NDManager manager) throws IOException {
        TrainState state = readState(checkpoint);
        model.getParameters().values().forEach(p -> p.getArray().close());
        try (DataInputStream is = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint.resolve(MODEL)), 1 << 20))) {
            model.loadParameters(manager, is);
        } catch (MalformedModelException e) {
            throw new IOException(checkpoint.resolve(MODEL) + ": " + e.getMessage(), e);
        }
        model.getParameters().values().forEach(p -> {
            if (p.requiresGradient()) p.getArray().setRequiresGradient(true);
        });
        try (InputStream is = new BufferedInputStream(Files.newInputStream(checkpoint.resolve(OPTIMIZER)), 1 << 20);
             NDManager tmp = manager.newSubManager()) {
            optimizer.load(NDList.decode(tmp, is), state.optimizerSteps());
        }
        return state;
    }

    /** Checkpoints in step order. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("step-") && Files.isDirectory(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private void prune() throws IOException {
        List<Path> regular = new ArrayList<>();
        for (Path c : list()) {
            if (readState(c).releaseTokens() == 0) regular.add(c);
        }
        for (int i = 0; i + keepLast < regular.size(); i++) deleteTree(regular.get(i));
    }

    private static void writeAtomically(Path f, String text) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        sync(tmp);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void sync(Path f) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
