#!/usr/bin/env bash
# Builds everything (tests skipped: `mvn verify` runs them) and starts Payara Micro on 127.0.0.1:8080 with the
# resource adapter and the sample application. Stop it with Ctrl-C. PORT=9090 ./run-sample.sh picks another port.
# The same WAR on Payara Server, WildFly, GlassFish and Open Liberty: docs/SAMPLE-ON-SERVERS.md.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q -DskipTests install
target=ejb-sample/target
port="${PORT:-8080}"
base="http://127.0.0.1:${port}/partitioned-buffer-sample/api"

instructions() {
    cat <<TRY

The sample is running. Try:
  curl -s -X POST -H "Content-Type: application/json" -d '{"userId":"u1","type":"login","payload":"hello"}' $base/events
  curl -s -X POST "$base/events/generate?count=10000&users=20"      # count 1-100,000, users 1-10,000
  curl -s -X POST -H "Content-Type: application/json" -d "{\"userId\":\"u2\",\"type\":\"\$(printf '%0101d' 0)\"}" $base/events
      # 202, but the database refuses a 101-character type: only that event goes to failedEvents in the status
  curl -s -X POST -H "Content-Type: application/json" -d '{"type":"login"}' $base/events   # 400: field 'userId' is missing
  curl -s -X PUT "$base/prices/ACME?price=12.34"
  curl -s -X PUT "$base/prices/ACME?price=12.50"
  curl -s $base/prices/ACME/pending
  curl -s -X POST -H "Content-Type: application/json" -d '{"orderId":"o-1","userId":"u1","amount":12.50}' $base/orders
  curl -s -X POST -H "Content-Type: application/json" -d '{"orderId":"o-1","userId":"u1","amount":99}' $base/orders   # 409
  curl -s $base/status
  curl -s http://127.0.0.1:${port}/metrics | grep '^partitioned_buffer_[a-z_]*{'

TRY
}

# The server's output, with the instructions added once it is ready, or a loud line if a deployment failed (Payara
# Micro still reports ready then). A plain read loop: some awk versions hold piped input back in a buffer. The loop
# ignores Ctrl-C, which reaches the server too: it keeps relaying the server's shutdown until the server exits.
failed=""
java -jar "$target/payara-micro.jar" --nohazelcast --disablephonehome --port "$port" \
    --prebootcommandfile ejb-sample/src/main/payara/preboot.asadmin \
    --deploy "$target/partitioned-buffer.rar" --deploy "$target/partitioned-buffer-sample.war" 2>&1 |
{ trap '' INT; while IFS= read -r line; do
    printf '%s\n' "$line"
    case "$line" in
        *"Exception while deploying"*|*"Exception while loading"*|*"eployment failed"*) failed=yes ;;
        *" ready in "*)
            if [ -n "$failed" ]; then
                printf '\n*** A deployment failed: see the errors above. ***\n\n'
            else
                instructions
            fi ;;
    esac
done; }
