package io.monitron.indexer.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A reference contender outside the JVM: {@code bash} runs a pipeline over the corpus files, which it gets
 * NUL-separated on its standard input (for {@code xargs -0 -P THREADS}), and prints one number, the count.
 */
public final class ShellPipeline implements Contender {
    /** Files per {@code xargs} batch: enough to make process start-up negligible, few enough to balance threads. */
    static final int BATCH = 64;

    private final String name;
    private final String script;
    private final CorpusFiles corpus;

    private ShellPipeline(String name, String script, CorpusFiles corpus) {
        this.name = name;
        this.script = script;
        this.corpus = corpus;
    }

    /** {@code zcat} of every file to {@code /dev/null}, {@code threads} at once: the command-line floor. */
    public static ShellPipeline zcat(CorpusFiles corpus, int threads) {
        return new ShellPipeline(
                "zcat (xargs -P " + threads + ")",
                "set -o pipefail; xargs -0 -P " + threads + " -n " + BATCH + " sh -c 'zcat -- \"$@\" >/dev/null' _;"
                        + " echo 0",
                corpus);
    }

    /** {@code zcat | jq} selecting the events of {@code eventSource}, {@code threads} pipelines at once; counts them. */
    public static ShellPipeline zcatJq(CorpusFiles corpus, int threads, String eventSource) {
        String filter = ".Records[] | select(.eventSource == \\\"" + eventSource + "\\\")";
        return new ShellPipeline(
                "zcat | jq (xargs -P " + threads + ")",
                "set -o pipefail; xargs -0 -P " + threads + " -n " + BATCH + " sh -c 'zcat -- \"$@\" | jq -c \""
                        + filter + "\"' _ | wc -l",
                corpus);
    }

    /** The tool's path when {@code command -v} finds it. */
    public static Optional<String> find(String tool) {
        try {
            Process process = new ProcessBuilder("bash", "-c", "command -v " + tool)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return name;
    }

    String script() {
        return script;
    }

    @Override
    public long run() {
        try {
            Process process = new ProcessBuilder("bash", "-c", script)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            // feed the list from another thread: the pipeline may block on its output while we write
            Thread feeder = new Thread(() -> feed(process, corpus.files()), "file-list");
            feeder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = process.waitFor();
            feeder.join();
            if (exit != 0) {
                throw new BenchmarkException(name + " exited with " + exit);
            }
            return Long.parseLong(out.isEmpty() ? "0" : out);
        } catch (IOException e) {
            throw new BenchmarkException("cannot run " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted while running " + name, e);
        }
    }

    private static void feed(Process process, List<Path> files) {
        try (OutputStream in = process.getOutputStream()) {
            for (Path file : files) {
                in.write(file.toString().getBytes(StandardCharsets.UTF_8));
                in.write(0);
            }
        } catch (IOException e) {
            // the pipeline died early; its exit code says so
        }
    }
}
