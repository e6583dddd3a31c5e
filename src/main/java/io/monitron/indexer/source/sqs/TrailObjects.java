package io.monitron.indexer.source.sqs;

import io.monitron.indexer.model.TrailKey;
import io.monitron.indexer.model.TrailPath;
import io.monitron.indexer.port.PassOver;
import java.util.Optional;

/** Which objects a notification names are trail log files to read; the others are passed over with a reason. */
final class TrailObjects {
    private TrailObjects() {}

    /** Why the object at {@code key} is not read, or empty when it is a log file in the trail layout. */
    static Optional<PassOver> passOver(String key) {
        return switch (TrailPath.of(key)) {
            case DIGEST -> Optional.of(PassOver.DIGEST);
            case INSIGHT -> Optional.of(PassOver.INSIGHT);
            case LOG -> TrailKey.parse(key).isPresent() ? Optional.empty() : Optional.of(PassOver.NOT_A_TRAIL_OBJECT);
        };
    }
}
