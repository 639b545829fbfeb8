package io.noesis.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured values and their order statistics. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    void addAll(Samples other) {
        values.addAll(other.values);
    }

    /** The value added last: this run's, where each run adds one. */
    double latest() {
        return values.get(values.size() - 1);
    }

    int count() {
        return values.size();
    }

    double median() {
        return percentile(50);
    }

    /** Nearest-rank percentile. */
    double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
