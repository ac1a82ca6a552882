package io.winnow.core.step;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * What a step may know about the shard it runs on. Randomness must come from {@link #random},
 * which depends only on the stage seed, the shard and the step, so output never depends on
 * thread scheduling or worker count.
 *
 * @param shardIndex position of the input shard in the stage's sorted input list
 * @param input      the input shard
 * @param seed       the stage seed
 */
public record StepContext(int shardIndex, Path input, long seed) {
    public SplittableRandom random(String stepName) {
        long h = seed * 0x9E3779B97F4A7C15L + shardIndex;
        h ^= stepName.hashCode() * 0xC2B2AE3D27D4EB4FL;
        return new SplittableRandom(h);
    }
}
