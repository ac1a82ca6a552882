package io.winnow.train.checkpoint;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything besides weights and optimizer moments that the next step depends on. The trainer draws no random
 * numbers after initialization (no dropout; the data order is a function of seed and position), so {@code seed}
 * and {@code dataPosition} are its whole random state.
 *
 * @param step optimizer steps done
 * @param tokens training tokens consumed
 * @param dataPosition training samples consumed (the next batch starts at this position of the shuffled order)
 * @param seed the data-order and initialization seed
 * @param releaseTokens for a release checkpoint (keep-every-K-tokens schedule), the token milestone it stands for; else 0
 * @param configSha256 hash of the model and optimization settings; a resume with other settings is refused
 * @param lossScale fp16 dynamic loss scale (1 in fp32)
 * @param goodSteps fp16 steps since the loss scale last changed
 * @param optimizerSteps AdamW updates applied (fewer than {@code step} when fp16 overflows skipped some): its t
 */
public record TrainState(
        @JsonProperty("step") long step,
        @JsonProperty("tokens") long tokens,
        @JsonProperty("data_position") long dataPosition,
        @JsonProperty("seed") long seed,
        @JsonProperty("release_tokens") long releaseTokens,
        @JsonProperty("config_sha256") String configSha256,
        @JsonProperty("loss_scale") double lossScale,
        @JsonProperty("good_steps") long goodSteps,
        @JsonProperty("optimizer_steps") long optimizerSteps) {}
