#!/usr/bin/env bash
# Builds everything (tests skipped: `mvn verify` runs them) and starts Payara Micro on 127.0.0.1:8080 with the
# resource adapter and the sample application. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q -DskipTests install
target=ejb-sample/target
port="${PORT:-8080}"
base="http://127.0.0.1:${port}/partitioned-buffer-sample/api"

java -jar "$target/payara-micro.jar" --nohazelcast --disablephonehome --port "$port" \
    --prebootcommandfile ejb-sample/src/main/payara/preboot.asadmin \
    --deploy "$target/partitioned-buffer.rar" --deploy "$target/partitioned-buffer-sample.war" 2>&1 |
awk -v base="$base" '
    { print; fflush() }
    /[Ee]xception while (deploying|loading)|[Dd]eployment failed|Failed to deploy/ { failed = 1 }
    /Payara Micro .* ready/ && !shown {
        shown = 1
        if (failed) { print "\n*** A deployment failed: see the errors above. ***\n"; fflush(); next }
        print "\nThe sample is running. Try:"
        print "  curl -s -X POST -H \"Content-Type: application/json\" -d \x27{\"userId\":\"u1\",\"type\":\"login\",\"payload\":\"hello\"}\x27 " base "/events"
        print "  curl -s -X POST \"" base "/events/generate?count=10000&users=20\""
        print "  curl -s -X PUT \"" base "/prices/ACME?price=12.34\""
        print "  curl -s -X PUT \"" base "/prices/ACME?price=12.50\""
        print "  curl -s " base "/prices/ACME/pending"
        print "  curl -s " base "/status"
        print ""
        fflush()
    }'
