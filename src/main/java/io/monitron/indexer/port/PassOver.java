package io.monitron.indexer.port;

/** Why a source did not hand an input to the run. */
public enum PassOver {
    /** Completed by an earlier run for the same output, and unchanged since. */
    ALREADY_DONE,
    /** A CloudTrail digest file: integrity data, no events. */
    DIGEST,
    /** A CloudTrail Insights file: not management events. */
    INSIGHT,
    /** In a folder or prefix, a name that is not an input's ({@code .json}, {@code .json.gz}, ...). */
    NOT_AN_INPUT_NAME,
    /** A FIFO, socket, device or a link that leads nowhere: never opened. */
    NOT_A_REGULAR_FILE,
    /** A folder that cannot be listed (its reason is logged); the rest of the tree is still read. */
    UNREADABLE_FOLDER,
    /** The run's own dead-letter output, inside an input folder. */
    OWN_DEAD_LETTERS,
    /** An object a notification named that is outside the trail layout. */
    NOT_A_TRAIL_OBJECT
}
