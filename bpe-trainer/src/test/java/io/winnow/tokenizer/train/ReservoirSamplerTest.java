package io.winnow.tokenizer.train;

import org.junit.jupiter.api.Test;

import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Drawing on sentence numbers alone keeps the sentences the streaming sampler keeps. */
class ReservoirSamplerTest {
    @Test
    void numbersDrawnAsTheStreamDrawsThem() {
        for (int[] sizeAndTotal : new int[][]{{1000, 500}, {1000, 1000}, {1000, 1001}, {1000, 50_000}, {1, 10}}) {
            int size = sizeAndTotal[0], total = sizeAndTotal[1];
            ReservoirSampler<Integer> stream = new ReservoirSampler<>(size, 12345678);
            for (int i = 0; i < total; i++) stream.add(i);
            BitSet kept = new BitSet();
            for (int i : stream.sample()) kept.set(i);
            assertEquals(kept, ReservoirSampler.chosen(size, 12345678, total), size + " of " + total);
        }
    }
}
