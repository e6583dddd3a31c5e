package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One part of the benchmark: contenders timed side by side in one run, their ratios to a baseline (the first timing,
 * the floor) and the targets they are held to.
 *
 * @param title what is compared, e.g. {@code "Scan, 2% Monitron"}
 * @param events events in the corpus, for the events-per-second column
 * @param timings the floor first, then the others
 * @param targets the goals; a target naming a contender without a timing (skipped) is reported as not measured
 */
public record Comparison(String title, long events, List<Timing> timings, List<Target> targets) {
    public Comparison {
        timings = List.copyOf(timings);
        targets = List.copyOf(targets);
        if (timings.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least its floor: " + title);
        }
    }

    public Timing floor() {
        return timings.get(0);
    }

    public Optional<Timing> timing(String contender) {
        return timings.stream().filter(t -> t.contender().equals(contender)).findFirst();
    }

    /** A target's outcome; {@code ratio} is empty when one side was not measured. */
    public record Verdict(Target target, Optional<Double> ratio) {
        public String describe() {
            return ratio.map(r -> String.format(
                            Locale.ROOT,
                            "%s / %s = %.3f (target %s): %s",
                            target.contender(),
                            target.baseline(),
                            r,
                            target.describe(),
                            target.isMet(r) ? "met" : "MISSED"))
                    .orElse(target.contender() + " / " + target.baseline() + ": not measured");
        }

        public boolean met() {
            return ratio.map(target::isMet).orElse(false);
        }
    }

    public List<Verdict> verdicts() {
        List<Verdict> verdicts = new ArrayList<>();
        for (Target target : targets) {
            Optional<Double> ratio = timing(target.contender())
                    .flatMap(c -> timing(target.baseline()).map(b -> target.ratio(c, b)));
            verdicts.add(new Verdict(target, ratio));
        }
        return verdicts;
    }

    /**
     * A fixed-width table: contender, best and median seconds, events/s (best), ratio to the floor, median CPU seconds
     * (its own processes' for contenders run as processes, else this JVM's), count.
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("== ").append(title).append(" (").append(events).append(" events) ==\n");
        out.append(String.format(
                Locale.ROOT,
                "%-34s %9s %9s %12s %9s %9s %14s%n",
                "contender",
                "best s",
                "median s",
                "events/s",
                "x floor",
                "CPU s",
                "count"));
        for (Timing timing : timings) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-34s %9.3f %9.3f %12.0f %9.3f %9.2f %14d%n",
                    timing.contender(),
                    timing.bestSeconds(),
                    timing.medianSeconds(),
                    events / timing.bestSeconds(),
                    timing.bestSeconds() / floor().bestSeconds(),
                    timing.medianCpuSeconds(),
                    timing.count()));
        }
        for (Verdict verdict : verdicts()) {
            out.append("  ").append(verdict.describe()).append('\n');
        }
        return out.toString();
    }

    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("title", title);
        json.put("events", events);
        json.put("floor", floor().contender());
        ArrayNode rows = json.putArray("contenders");
        for (Timing timing : timings) {
            ObjectNode row = rows.addObject();
            row.put("name", timing.contender());
            row.put("bestSeconds", timing.bestSeconds());
            row.put("medianSeconds", timing.medianSeconds());
            ArrayNode runs = row.putArray("runsSeconds");
            timing.runs().forEach(d -> runs.add(d.toNanos() / 1e9));
            row.put("eventsPerSecond", events / timing.bestSeconds());
            row.put("ratioToFloor", timing.bestSeconds() / floor().bestSeconds());
            row.put("medianCpuSeconds", timing.medianCpuSeconds());
            ArrayNode cpu = row.putArray("cpuSeconds");
            timing.cpu().forEach(d -> cpu.add(d.toNanos() / 1e9));
            row.put("count", timing.count());
        }
        ArrayNode goals = json.putArray("targets");
        for (Verdict verdict : verdicts()) {
            ObjectNode goal = goals.addObject();
            goal.put("contender", verdict.target().contender());
            goal.put("baseline", verdict.target().baseline());
            goal.put("maxRatio", verdict.target().maxRatio());
            verdict.ratio().ifPresent(r -> goal.put("ratio", r));
            goal.put("met", verdict.met());
        }
        return json;
    }
}
