package io.winnow.train.optim;

/**
 * Linear warmup from 0 to the peak rate over {@code warmupSteps}, then cosine decay to {@code minLr} at
 * {@code decaySteps}, constant after (Baichuan 2: 2,000 warmup steps, then cosine to a minimum). Steps count from
 * 1, the first optimizer update; this is Megatron-LM's {@code --lr-decay-style cosine} with
 * {@code --lr-warmup-iters} and {@code --lr-decay-iters}.
 */
public record LearningRateSchedule(double peakLr, double minLr, long warmupSteps, long decaySteps) {
    public LearningRateSchedule {
        if (!(peakLr > 0)) throw new IllegalArgumentException("lr must be positive");
        if (!(minLr >= 0 && minLr <= peakLr)) throw new IllegalArgumentException("min_lr must be between 0 and lr");
        if (warmupSteps < 0) throw new IllegalArgumentException("warmup_steps must not be negative");
        if (decaySteps < warmupSteps) throw new IllegalArgumentException("decay_steps must be at least warmup_steps");
    }

    public double at(long step) {
        if (warmupSteps > 0 && step <= warmupSteps) return peakLr * step / warmupSteps;
        if (step >= decaySteps) return minLr;
        double progress = (double) (step - warmupSteps) / (decaySteps - warmupSteps);
        return minLr + 0.5 * (peakLr - minLr) * (1 + Math.cos(Math.PI * progress));
    }
}
