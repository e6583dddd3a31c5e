package io.monitron.indexer.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * Names the threads of a pool and makes them daemons: a pool the run forgot to shut down must never keep the JVM
 * alive after the command has returned its exit code.
 */
public record DaemonThreads(String name) implements ThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
