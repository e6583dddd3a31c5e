#!/usr/bin/env bash
# Starts the local single-node Elasticsearch for `benchmark --parts e2e`: the same node as the quick start
# (`local-elasticsearch start`: security on, 512 MB heap, 127.0.0.1 only, files in .local-elasticsearch/), so there is
# one way to start and stop it. Extra arguments go to `local-elasticsearch start` (e.g. --port 9250).
#
#   bench/start-elasticsearch.sh [--port PORT] [--state-dir DIR]
#   . .local-elasticsearch/env && bin/monitron-cloudtrail-indexer benchmark --parts e2e
#   bin/monitron-cloudtrail-indexer local-elasticsearch stop
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/monitron-cloudtrail-indexer.jar
[ -f "$jar" ] || { echo "no $jar: build it first with ./mvnw -B package -DskipTests" >&2; exit 2; }
if ! compgen -G 'target/es-dist/elasticsearch-*/bin/elasticsearch' >/dev/null; then
  ./mvnw -B -q dependency:unpack@unpack-elasticsearch
fi
exec bin/monitron-cloudtrail-indexer local-elasticsearch start "$@"
