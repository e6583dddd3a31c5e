package io.monitron.indexer.bench;

import java.util.Locale;

/**
 * A goal stated as "the contender takes at most {@code maxRatio} times the baseline's time" (best runs). "At least
 * 5x faster than jq" is {@code maxRatio} 0.2 with jq as the baseline.
 */
public record Target(String contender, String baseline, double maxRatio) {
    public Target {
        if (!(maxRatio > 0)) {
            throw new IllegalArgumentException("maxRatio must be positive: " + maxRatio);
        }
    }

    /** {@code contender time / baseline time}, from the best runs. */
    public double ratio(Timing contenderTiming, Timing baselineTiming) {
        return contenderTiming.best().toNanos() / (double) baselineTiming.best().toNanos();
    }

    public boolean isMet(double ratio) {
        return ratio <= maxRatio;
    }

    /** How the goal reads in a table, e.g. {@code "<= 1.50x"} or {@code ">= 5.0x faster"}. */
    public String describe() {
        if (maxRatio < 1) {
            return String.format(Locale.ROOT, ">= %.1fx faster", 1 / maxRatio);
        }
        return String.format(Locale.ROOT, "<= %.2fx", maxRatio);
    }
}
