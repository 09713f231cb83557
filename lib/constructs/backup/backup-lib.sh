# Shared by the backup scripts (sourced, not run): logging, checks, upload and retention.
# POSIX sh, plus `date -u +%s` and `date -u -d @SECONDS` (GNU coreutils and BusyBox both have them).
#
# Environment:
#   BUCKET            bucket of the S3-compatible store
#   S3_ENDPOINT       https URL of the store
#   RETENTION_DAYS    backups older than this many days are deleted after each upload
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   read by the aws CLI
#   AWS_DEFAULT_REGION  optional; S3-compatible stores accept us-east-1 for signing
#   WORK_DIR          scratch directory for the archive (default /tmp)

: "${AWS_DEFAULT_REGION:=us-east-1}"
export AWS_DEFAULT_REGION
WORK_DIR=${WORK_DIR:-/tmp}

log() {
  printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

fail() {
  log "error: $*"
  exit 1
}

# require NAME...: fails, naming every missing variable, unless all are set and non-empty.
require() {
  missing=''
  for name in "$@"; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || missing="$missing $name"
  done
  [ -z "$missing" ] || fail "missing environment variables:$missing"
  case "$RETENTION_DAYS" in
    '' | *[!0-9]*) fail "RETENTION_DAYS must be a whole number of days, got '$RETENTION_DAYS'" ;;
  esac
}

# The UTC time stamp in every archive name; names sort, and compare, in time order.
timestamp() {
  date -u +%Y%m%dT%H%M%SZ
}

s3() {
  aws --endpoint-url "$S3_ENDPOINT" s3 "$@"
}

# upload FILE PREFIX: copies FILE to s3://BUCKET/PREFIX/<file name>.
upload() {
  [ -s "$1" ] || fail "$1 is empty; refusing to upload it"
  log "uploading $(basename "$1") to s3://$BUCKET/$2/"
  # A failed upload stops the run before prune: the archives already in the bucket stay.
  s3 cp --only-show-errors "$1" "s3://$BUCKET/$2/$(basename "$1")" ||
    fail "upload of $(basename "$1") to s3://$BUCKET/$2/ failed (aws exited with status $?); no archive was deleted"
}

# prune PREFIX: deletes the archives under PREFIX whose time stamp is older than RETENTION_DAYS.
# Objects without a time stamp in their name were not written by these scripts and are kept.
prune() {
  now=$(date -u +%s)
  cutoff=$(date -u -d "@$((now - RETENTION_DAYS * 86400))" +%Y%m%dT%H%M%SZ)
  listing="$WORK_DIR/listing.txt"
  s3 ls "s3://$BUCKET/$1/" >"$listing" || fail "listing s3://$BUCKET/$1/ failed (aws exited with status $?); no archive was deleted"
  awk -v cutoff="$cutoff" '
    $1 != "PRE" && match($4, /[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z/) {
      if (substr($4, RSTART, RLENGTH) < cutoff) print $4
    }' "$listing" >"$listing.expired"
  expired=0
  while IFS= read -r key; do
    log "deleting s3://$BUCKET/$1/$key (older than $RETENTION_DAYS days)"
    s3 rm --only-show-errors "s3://$BUCKET/$1/$key" || fail "deleting s3://$BUCKET/$1/$key failed (aws exited with status $?)"
    expired=$((expired + 1))
  done <"$listing.expired"
  rm -f "$listing" "$listing.expired"
  log "retention: deleted $expired archive(s) older than $cutoff"
}
