package io.monitron.indexer.checkpoint;

import io.monitron.indexer.model.PartitionState;
import io.monitron.indexer.port.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link StateStore} in a map, with the same optimistic-concurrency contract as the Elasticsearch one. */
final class InMemoryStateStore implements StateStore {
    private final Map<String, PartitionState> states = new HashMap<>();
    private long sequence;

    @Override
    public synchronized List<PartitionState> load(String scope) {
        List<PartitionState> result = new ArrayList<>();
        states.values().stream().filter(s -> s.scope().equals(scope)).forEach(result::add);
        return result;
    }

    @Override
    public synchronized Optional<String> save(PartitionState state) {
        String id = state.scope() + "|" + state.partition();
        PartitionState current = states.get(id);
        Optional<String> currentToken = current == null ? Optional.empty() : current.concurrencyToken();
        if (!currentToken.equals(state.concurrencyToken())) {
            return Optional.empty();
        }
        String token = String.valueOf(++sequence);
        states.put(
                id,
                new PartitionState(
                        state.scope(),
                        state.partition(),
                        state.watermark(),
                        Map.copyOf(state.done()),
                        Optional.of(token)));
        return Optional.of(token);
    }

    @Override
    public synchronized Optional<PartitionState> load(String scope, String partition) {
        return Optional.ofNullable(states.get(scope + "|" + partition));
    }

    @Override
    public synchronized void delete(String scope) {
        states.values().removeIf(s -> s.scope().equals(scope));
    }
}
