package io.monitron.indexer.kibana;

import java.io.InputStream;

/** The Monitron saved objects ({@code kibana/monitron.ndjson}) packaged in the jar. */
public final class BundledSavedObjects {

    /** The classpath location the build packages {@code kibana/monitron.ndjson} under. */
    public static final String RESOURCE = "/kibana/monitron.ndjson";

    private BundledSavedObjects() {}

    /**
     * Opens the bundled NDJSON; the caller closes the stream.
     *
     * @throws IllegalStateException when the jar was built without it
     */
    public static InputStream open() {
        InputStream stream = BundledSavedObjects.class.getResourceAsStream(RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("the saved objects resource " + RESOURCE
                    + " is missing from the classpath; rebuild the jar or import kibana/monitron.ndjson by path");
        }
        return stream;
    }
}
