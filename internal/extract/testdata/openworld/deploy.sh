#!/usr/bin/env bash
# deploy.sh — build, push and roll out billing-api.
# usage: ./deploy.sh TAG [STAGE]
set -euo pipefail

TAG=${1:?usage: deploy.sh TAG [STAGE]}
STAGE=${2:-staging}
REGISTRY=registry.larkspur.dev
NS=billing

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

cd "$(dirname "$0")/.."

# make sure we're logged in to the registry (the token comes from vault)
vault-sync get registry/ci-token | docker login "$REGISTRY" -u ci --password-stdin

log "building $TAG"
# build the image with the git sha baked in
docker build --pull \
  --build-arg GIT_SHA="$(git rev-parse --short HEAD)" \
  -t "$REGISTRY/billing-api:$TAG" .

docker push "$REGISTRY/billing-api:$TAG"

# run the db migrations as a one-off job before the rollout
acmectl migrate --service billing-api --stage "$STAGE" --image "$REGISTRY/billing-api:$TAG" --wait

# wait for a deployment to finish; undo it if it doesn't come up in 5 minutes
wait_for_rollout() {
  local deploy=$1
  if ! kubectl -n "$NS" rollout status "deploy/$deploy" --timeout=300s; then
    log "rollout of $deploy failed, rolling back"
    kubectl -n "$NS" rollout undo "deploy/$deploy"
    return 1
  fi
}

# roll out the api and the workers, one after the other
for d in billing-api billing-consumer billing-cron; do
  kubectl -n "$NS" set image "deploy/$d" app="$REGISTRY/billing-api:$TAG"
  wait_for_rollout "$d"
done

# record the release
acmectl release --stage "$STAGE" --tag "$TAG" --notes "$(git log -1 --pretty=%s)"

# tell the channel
curl -fsS -X POST -H 'Content-Type: application/json' \
  -d "{\"text\": \"billing-api $TAG is live on $STAGE\"}" \
  "$SLACK_WEBHOOK"

# leave a marker for the dashboards
cat > /tmp/last-deploy.json <<EOF
{"service": "billing-api", "tag": "$TAG", "stage": "$STAGE", "at": "$(date -u +%FT%TZ)"}
EOF
./tools/annotate-grafana.sh --file /tmp/last-deploy.json

log "done"
