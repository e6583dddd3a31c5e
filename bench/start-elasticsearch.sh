#!/usr/bin/env bash
# Starts a throwaway single-node Elasticsearch for `benchmark --parts e2e`, from an unpacked distribution (the build
# unpacks one in target/es-dist/elasticsearch-*), security off, 512 MB heap, listening on 127.0.0.1 only.
#
#   bench/start-elasticsearch.sh DIST_DIR [WORK_DIR] [PORT]     (defaults: bench-work/es, 9250)
#
# Everything the node writes (a copy of the distribution, data, logs) goes to WORK_DIR, which is wiped first.
# As root, the node runs as uid/gid 65534 (Elasticsearch refuses to run as root). Stop it with the printed command.
set -euo pipefail
dist=${1:?usage: $0 DIST_DIR [WORK_DIR] [PORT]}
work=$(realpath -m "${2:-bench-work/es}")
port=${3:-9250}
[ -x "$dist/bin/elasticsearch" ] || { echo "no bin/elasticsearch in $dist" >&2; exit 2; }
if curl -fs "http://127.0.0.1:$port" >/dev/null 2>&1; then
  echo "something already answers on 127.0.0.1:$port; pick another PORT" >&2; exit 2
fi
rm -rf "$work"
mkdir -p "$work/data" "$work/logs" "$work/tmp"
cp -r "$dist" "$work/home"
cat > "$work/home/config/elasticsearch.yml" <<YAML
cluster.name: monitron-bench
node.name: bench
path.data: $work/data
path.logs: $work/logs
network.host: 127.0.0.1
http.port: $port
discovery.type: single-node
xpack.security.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
YAML
run=()
if [ "$(id -u)" = 0 ]; then
  chown -R 65534:65534 "$work"
  run=(setpriv --reuid 65534 --regid 65534 --clear-groups --)
fi
ES_JAVA_HOME=${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
export ES_JAVA_HOME ES_TMPDIR="$work/tmp" ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms512m -Xmx512m}"
nohup "${run[@]}" "$work/home/bin/elasticsearch" >"$work/console.log" 2>&1 </dev/null &
echo $! >"$work/pid"
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
    echo "Elasticsearch at http://127.0.0.1:$port (log: $work/console.log)"
    echo "stop it with: kill $(cat "$work/pid")"
    exit 0
  fi
  kill -0 "$(cat "$work/pid")" 2>/dev/null || { echo "Elasticsearch exited; last lines of $work/console.log:" >&2; tail -30 "$work/console.log" >&2; exit 1; }
  sleep 1
done
echo "Elasticsearch did not answer within 180 s; see $work/console.log" >&2
exit 1
