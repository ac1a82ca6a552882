package io.winnow.tokenizer.cli;

import io.winnow.core.cli.WinnowVersion;
import io.winnow.tokenizer.encode.BpeEncoder;
import io.winnow.tokenizer.model.SentencePieceModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code winnow tokenizer decode}: ids (or pieces) back to text, as spm_decode. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = WinnowVersion.class,
        description = "Decode lines of space-separated ids (or pieces) back to text, as spm_decode does.")
public final class DecodeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE.model") Path model;
    @Option(names = "--input_format", paramLabel = "FMT", defaultValue = "id", description = "id or piece (default: ${DEFAULT-VALUE})") String inputFormat;
    @Option(names = "--input", paramLabel = "FILE", description = "default: stdin") Path input;
    @Option(names = "--output", paramLabel = "FILE", description = "default: stdout") Path output;

    @Override
    public Integer call() throws Exception {
        if (!inputFormat.equals("id") && !inputFormat.equals("piece")) {
            System.err.println("tokenizer decode: --input_format must be id or piece (got " + inputFormat + ")");
            return TokenizerCommand.EXIT_USAGE;
        }
        BpeEncoder enc;
        try {
            enc = new BpeEncoder(SentencePieceModel.read(model));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("tokenizer decode: " + model + ": " + e.getMessage());
            return TokenizerCommand.EXIT_USAGE;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(input == null ? new FileInputStream(FileDescriptor.in)
                     : Files.newInputStream(input), StandardCharsets.UTF_8));
             Writer out = new BufferedWriter(new OutputStreamWriter(output == null ? new FileOutputStream(FileDescriptor.out)
                     : Files.newOutputStream(output), StandardCharsets.UTF_8))) {
            long lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                String[] f = line.isBlank() ? new String[0] : line.trim().split("\\s+");
                int[] ids = new int[f.length];
                for (int i = 0; i < f.length; i++) {
                    if (inputFormat.equals("id")) {
                        try {
                            ids[i] = Integer.parseInt(f[i]);
                        } catch (NumberFormatException e) {
                            System.err.println("tokenizer decode: " + (input == null ? "stdin" : input) + ":" + lineNo + ": not an id: " + f[i]);
                            return TokenizerCommand.EXIT_USAGE;
                        }
                    } else {
                        ids[i] = enc.pieceToId(f[i]);
                    }
                }
                try {
                    out.write(enc.decode(ids));
                } catch (IllegalArgumentException e) {
                    System.err.println("tokenizer decode: " + (input == null ? "stdin" : input) + ":" + lineNo + ": " + e.getMessage());
                    return TokenizerCommand.EXIT_USAGE;
                }
                out.write('\n');
            }
        }
        return 0;
    }
}
