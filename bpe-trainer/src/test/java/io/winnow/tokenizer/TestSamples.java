package io.winnow.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Held-out text for encoding comparisons: every 53rd line of tok_large.txt plus the hand-made corner cases. */
public final class TestSamples {
    private TestSamples() {}

    public static Path write(Path dir) throws Exception {
        List<byte[]> lines = SpmReference.byteLines(SharedCorpora.tokLarge());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i += 53) {
            b.writeBytes(lines.get(i));
            b.write('\n');
        }
        b.writeBytes(EdgeCases.joined());
        Path sample = dir.resolve("sample.txt");
        Files.write(sample, b.toByteArray());
        return sample;
    }
}
