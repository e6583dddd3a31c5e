package io.monitron.indexer.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Copies a node's console output to a file and turns the lines the fixture waits for into futures, so that waiting
 * for "started" or for a roles-file reload blocks on an event instead of sleeping.
 */
final class ConsoleLog implements Runnable {

    // [o.e.n.Node               ] [secured] started {secured}{...}
    private static final Pattern STARTED = Pattern.compile("\\[o\\.e\\.n\\.Node\\s*\\] \\[[^\\]]*\\] started\\b");
    // [o.e.x.s.a.s.FileRolesStore] [secured] updated roles (roles file [...] changed)
    private static final Pattern ROLES_RELOADED = Pattern.compile("FileRolesStore\\s*\\] .*updated roles");

    private final InputStream console;
    private final Path file;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final AtomicReference<CompletableFuture<Void>> nextRolesReload =
            new AtomicReference<>(new CompletableFuture<>());

    private ConsoleLog(InputStream console, Path file) {
        this.console = console;
        this.file = file;
    }

    /** Starts copying {@code console} to {@code file} on a daemon thread. */
    static ConsoleLog follow(InputStream console, Path file, String nodeName) {
        ConsoleLog log = new ConsoleLog(console, file);
        Thread thread = new Thread(log, "es-fixture-console-" + nodeName);
        thread.setDaemon(true);
        thread.start();
        return log;
    }

    /** Completes when the node logs that it has started. */
    CompletableFuture<Void> started() {
        return started;
    }

    /** Completes when the console closes, i.e. every process writing to it has exited. */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Completes at the next roles-file reload logged after this call; take it before changing the file. */
    CompletableFuture<Void> nextRolesReload() {
        return nextRolesReload.get();
    }

    Path file() {
        return file;
    }

    @Override
    public void run() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(console, StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush(); // the tail must be readable when startup fails
                if (!started.isDone() && STARTED.matcher(line).find()) {
                    started.complete(null);
                }
                if (ROLES_RELOADED.matcher(line).find()) {
                    nextRolesReload.getAndSet(new CompletableFuture<>()).complete(null);
                }
            }
        } catch (IOException e) {
            // the process went away mid-line; whatever was read is in the file
        } finally {
            ended.complete(null);
        }
    }

    /** The last lines of a log file, for failure messages. */
    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return String.join("\n", last);
    }
}
