#!/bin/sh
# Copies a Redis RDB snapshot (redis-cli --rdb, gzip), uploads it to s3://BUCKET/BACKUP_PREFIX/
# and deletes archives older than RETENTION_DAYS. Needs redis-cli, gzip, awk and the aws CLI;
# the Redis user needs the replication permission (SYNC) that --rdb uses.
#
# Environment (besides those of backup-lib.sh):
#   REDIS_HOST, REDIS_PORT   the server
#   REDISCLI_AUTH            password, read by redis-cli itself (optional)
#   BACKUP_PREFIX            key prefix inside the bucket (default redis)
set -eu

. "$(dirname "$0")/backup-lib.sh"

require REDIS_HOST REDIS_PORT BUCKET S3_ENDPOINT RETENTION_DAYS
prefix=${BACKUP_PREFIX:-redis}
snapshot="$WORK_DIR/redis-$(timestamp).rdb"

log "copying an RDB snapshot from $REDIS_HOST:$REDIS_PORT"
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --rdb "$snapshot" >&2 ||
  fail "redis-cli --rdb exited with status $?; check REDISCLI_AUTH and that the user may run SYNC"
gzip "$snapshot"

upload "$snapshot.gz" "$prefix"
rm -f "$snapshot.gz"
prune "$prefix"
log "backup of redis complete"
