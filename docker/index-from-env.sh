#!/bin/sh
# Runs `index` on the input the environment chooses (the compose file's indexer service):
#   S3_URL=s3://bucket/prefix   read the trail bucket            -> index --s3 "$S3_URL"
#   LOOKUP_EVENTS=true          read CloudTrail Event History    -> index --lookup-events [--region "$AWS_REGION"]
#   neither                     the bundled samples              -> index --path "${SAMPLES_PATH:-/samples/trail}"
# Arguments given to this script are added after these (e.g. --full, --from 2026-10-01).
set -eu

launcher="${INDEXER_LAUNCHER:-/app/bin/monitron-cloudtrail-indexer}"

if [ -n "${S3_URL:-}" ]; then
  set -- --s3 "$S3_URL" "$@"
elif [ "${LOOKUP_EVENTS:-false}" = "true" ]; then
  if [ -n "${AWS_REGION:-}" ]; then
    set -- --lookup-events --region "$AWS_REGION" "$@"
  else
    set -- --lookup-events "$@"
  fi
else
  set -- --path "${SAMPLES_PATH:-/samples/trail}" "$@"
fi

echo "index $*" >&2
exec "$launcher" index "$@"
