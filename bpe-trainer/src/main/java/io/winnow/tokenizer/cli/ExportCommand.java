package io.winnow.tokenizer.cli;

import io.winnow.core.cli.WinnowVersion;
import io.winnow.tokenizer.export.HfTokenizerJson;
import io.winnow.tokenizer.model.SentencePieceModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code winnow tokenizer export --format hf}: a Hugging Face tokenizer.json that encodes as the model does. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = WinnowVersion.class,
        description = {"Export a SentencePiece BPE model as a Hugging Face tokenizer.json (tokenizers library).",
                "Encodes like SentencePiece; for text containing literal control-token strings such as <s>,",
                "set tokenizer.encode_special_tokens = True (SentencePiece never matches them in text)."})
public final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE.model") Path model;
    @Option(names = "--format", defaultValue = "hf", paramLabel = "FMT", description = "hf (default)") String format;
    @Option(names = "--output", required = true, paramLabel = "FILE", description = "e.g. tokenizer.json") Path output;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("hf")) {
            System.err.println("tokenizer export: --format must be hf (got " + format + ")");
            return TokenizerCommand.EXIT_USAGE;
        }
        try {
            HfTokenizerJson.write(SentencePieceModel.read(model), output);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("tokenizer export: " + model + ": " + e.getMessage());
            return TokenizerCommand.EXIT_USAGE;
        }
        System.err.println("wrote " + output);
        return 0;
    }
}
