#!/bin/sh
# A stand-in for trivy in tests, not Trivy. It logs the TRIVY_* variables and the arguments it
# got to $FAKE_TRIVY_LOG, says whether the --config, --ignorefile and --module-dir it was given
# exist and are empty, and copies $FAKE_TRIVY_REPORT to --output. Like Trivy, it takes the
# severities from TRIVY_SEVERITY when no --severity flag is given, and then writes a report
# without findings unless HIGH is listed. $FAKE_TRIVY_STDERR_FILE is copied to stderr and
# $FAKE_TRIVY_EXIT is the exit code.
{
  echo "env:"
  env | grep -i '^trivy_' | sort
  echo "args:"
  printf '%s\n' "$@"
} >"$FAKE_TRIVY_LOG"
out="" severity="${TRIVY_SEVERITY:-}" config="" ignore="" modules=""
while [ $# -gt 0 ]; do
  case "$1" in
    --output) out=$2; shift ;;
    --severity) severity=$2; shift ;;
    --config) config=$2; shift ;;
    --ignorefile) ignore=$2; shift ;;
    --module-dir) modules=$2; shift ;;
  esac
  shift
done
empty_file() { if [ -f "$1" ] && [ ! -s "$1" ]; then echo empty; else echo "not-empty-or-missing"; fi; }
empty_dir() { if [ -d "$1" ] && [ -z "$(ls -A "$1")" ]; then echo empty; else echo "not-empty-or-missing"; fi; }
echo "files: config=$(empty_file "$config") ignorefile=$(empty_file "$ignore") module-dir=$(empty_dir "$modules")" >>"$FAKE_TRIVY_LOG"
case ",$severity," in
  ,,|*,HIGH,*) cp "$FAKE_TRIVY_REPORT" "$out" ;;
  *) printf '{"SchemaVersion":2,"ArtifactName":"x:1","ArtifactType":"container_image","Metadata":{"OS":{"Family":"alpine","Name":"3.23.0"}}}\n' >"$out" ;;
esac
if [ -n "${FAKE_TRIVY_STDERR_FILE:-}" ]; then cat "$FAKE_TRIVY_STDERR_FILE" >&2; fi
exit "${FAKE_TRIVY_EXIT:-0}"
