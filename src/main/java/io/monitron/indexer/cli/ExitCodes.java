package io.monitron.indexer.cli;

import io.monitron.indexer.config.ConfigException;
import picocli.CommandLine;

/** The exit codes, and the one place that maps failures to them. */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    public static final int OK = 0;
    /** Could not run: Elasticsearch unreachable or refusing, a source that cannot be read, a checkpoint failure. */
    public static final int COULD_NOT_RUN = 1;
    /** Invalid usage or configuration. */
    public static final int USAGE = 2;
    /** Finished, but some files or records were rejected (see the dead-letter file). */
    public static final int REJECTIONS = 3;
    /** With {@code --fail-if-empty}: the input held nothing to read. */
    public static final int NOTHING_TO_READ = 4;
    /** Stopped by SIGINT/SIGTERM after flushing what was in flight. */
    public static final int INTERRUPTED = 130;

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof ConfigException || exception instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        // SinkException, SourceException, CheckpointException, InputFailedException and anything unforeseen
        return COULD_NOT_RUN;
    }
}
