#!/usr/bin/env bash
# The README quick start, checked: `tafel demo` on a temporary store, agenda.get over HTTP
# with the regisseur token it printed, the answer checked, then a clean stop (SIGTERM → 0).
# Usage: ops/quickstart-check.sh [path-to-tafel]   (default: .build/debug/tafel)
set -euo pipefail
cd "$(dirname "$0")/.."
tafel="${1:-.build/debug/tafel}"
work="$(mktemp -d /tmp/tafel-quickstart.XXXXXX)"
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$tafel" demo --store "$work/store" --port 0 --request-log off >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 600); do
    grep -q 'on http://127.0.0.1:[0-9]*/rpc' "$work/err" 2>/dev/null && grep -q '^# auditor' "$work/out" && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/err" >&2; echo "quickstart: tafel demo exited early" >&2; exit 1; }
    sleep 0.1
done
port="$(grep -o 'on http://127.0.0.1:[0-9]*/rpc' "$work/err" | head -1 | sed 's/.*:\([0-9]*\)\/rpc/\1/')"
token="$(grep -o 'TOKEN_REGISSEUR=[^ ]*' "$work/out" | cut -d= -f2)"
[ -n "$port" ] && [ -n "$token" ] || { cat "$work/err" "$work/out" >&2; echo "quickstart: no port or token printed" >&2; exit 1; }

answer="$(curl -s --max-time 10 "http://127.0.0.1:$port/rpc" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $token" \
    -d '{"jsonrpc":"2.0","id":1,"method":"agenda.get","params":{"tableId":"centrum"}}')"
python3 - "$answer" <<'PY'
import json, sys
answer = json.loads(sys.argv[1])
result = answer.get("result")
assert result is not None, f"agenda.get failed: {answer}"
assert result["meeting"]["tableId"] == "centrum" and result["meeting"]["status"] == "scheduled", result["meeting"]
assert len(result["items"]) > 0, "the next meeting has no agenda items"
assert all("overallStatus" in item and "carriedOver" in item for item in result["items"])
print(f"quickstart: agenda.get answered meeting {result['meeting']['meetingId']} with {len(result['items'])} items")
PY
grep -q ' 0 commands refused' "$work/err" || { cat "$work/err" >&2; echo "quickstart: the demo had refused commands" >&2; exit 1; }

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=""
[ "$status" -eq 0 ] || { cat "$work/err" >&2; echo "quickstart: tafel demo exited $status on SIGTERM" >&2; exit 1; }
"$tafel" verify --store "$work/store" --texts >/dev/null
echo "quickstart: demo served, answered and stopped cleanly; the log and its texts verify"
