package io.monitron.indexer.pipeline;

/**
 * Reading one input ended in something no reader should throw (an {@code OutOfMemoryError}, a {@code
 * StackOverflowError}, a bug): the run stops, naming the input, and the input is not marked done.
 */
public final class InputFailedException extends RuntimeException {
    public InputFailedException(String location, Throwable cause) {
        super(
                "reading " + location + " failed: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                        + "; the run stopped, and the input will be read again by the next run",
                cause);
    }
}
