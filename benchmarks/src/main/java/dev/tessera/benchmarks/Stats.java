package dev.tessera.benchmarks;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarised as percentiles in milliseconds. */
final class Stats {

    private final long[] samples;

    Stats(long[] samples) {
        this.samples = samples.clone();
        Arrays.sort(this.samples);
    }

    double percentileMillis(double p) {
        if (samples.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * samples.length) - 1;
        return samples[Math.max(0, Math.min(samples.length - 1, index))] / 1_000_000.0;
    }

    /** The {@code n} slowest samples in milliseconds, slowest first, for a tail worth reading. */
    String slowestMillis(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = samples.length - 1; i >= Math.max(0, samples.length - n); i--) {
            text.append(text.isEmpty() ? "" : " ").append(String.format("%.1f", samples[i] / 1_000_000.0));
        }
        return text.toString();
    }
}
