package io.winnow.tokenizer.cli;

import io.winnow.core.cli.WinnowVersion;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.encode.ParallelLineEncoder;
import io.winnow.tokenizer.model.SentencePieceModel;
import io.winnow.tokenizer.train.InputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code winnow tokenizer encode}: text lines to ids or pieces, exactly as spm_encode. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = WinnowVersion.class,
        description = {"Encode text line by line with a SentencePiece BPE model (ours or SentencePiece's);",
                "one output line per input line, ids or pieces separated by spaces, as spm_encode prints them."})
public final class EncodeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE.model") Path model;
    @Option(names = "--output_format", paramLabel = "FMT", defaultValue = "piece", description = "id or piece (default: ${DEFAULT-VALUE})") String outputFormat;
    @Option(names = "--input", paramLabel = "FILES", description = "comma-separated files/globs (.gz/.zst ok); default: stdin") String input;
    @Option(names = "--output", paramLabel = "FILE", description = "default: stdout") Path output;
    @Option(names = "--num_threads", paramLabel = "N", description = "encoding threads (default: all cores)") Integer threads;
    @CommandLine.Parameters(paramLabel = "FILE", arity = "0..*", description = "input files (like spm_encode's positional args)") List<String> files;

    @Override
    public Integer call() throws Exception {
        ParallelLineEncoder.Format format;
        switch (outputFormat) {
            case "id" -> format = ParallelLineEncoder.Format.ID;
            case "piece" -> format = ParallelLineEncoder.Format.PIECE;
            default -> {
                System.err.println("tokenizer encode: --output_format must be id or piece (got " + outputFormat + ")");
                return TokenizerCommand.EXIT_USAGE;
            }
        }
        BpeEncoder enc;
        try {
            enc = new BpeEncoder(SentencePieceModel.read(model));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("tokenizer encode: " + model + ": " + e.getMessage());
            return TokenizerCommand.EXIT_USAGE;
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        ParallelLineEncoder.Stats st;
        try (InputStream in = open(); OutputStream out = output == null
                ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(output)) {
            st = new ParallelLineEncoder(enc, n, format).encode(in, out);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (output != null) {
            System.err.printf("encoded %,d lines, %,d bytes -> %,d tokens in %.2f s (%.2f MB/s, %.3f bytes/token, %d threads)%n",
                    st.lines(), st.bytes(), st.tokens(), secs, st.bytes() / 1e6 / secs, st.bytes() / (double) Math.max(1, st.tokens()), n);
        }
        return 0;
    }

    private InputStream open() throws IOException {
        List<String> specs = new ArrayList<>();
        if (input != null) specs.add(input);
        if (files != null) specs.addAll(files);
        if (specs.isEmpty()) return new FileInputStream(FileDescriptor.in);
        List<InputStream> streams = new ArrayList<>();
        for (Path p : InputFiles.expand(specs)) streams.add(new NewlineTerminated(InputFiles.open(p)));
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** Adds a final '\n' when a file lacks one, so files do not run into each other. */
    static final class NewlineTerminated extends InputStream {
        private final InputStream in;
        private int last = '\n';
        private boolean done;

        NewlineTerminated(InputStream in) { this.in = in; }

        @Override
        public int read() throws IOException {
            if (done) return -1;
            int b = in.read();
            if (b < 0) {
                done = true;
                if (last != '\n') return '\n';
                return -1;
            }
            last = b;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (done) return -1;
            int r = in.read(buf, off, len);
            if (r < 0) {
                done = true;
                if (last != '\n') {
                    buf[off] = '\n';
                    return 1;
                }
                return -1;
            }
            if (r > 0) last = buf[off + r - 1];
            return r;
        }

        @Override
        public void close() throws IOException { in.close(); }
    }
}
