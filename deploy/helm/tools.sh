#!/usr/bin/env bash
# Installs the chart's check tools, pinned, into the omb cache folder and prints
# their paths (helm=…, kubernetes-validate=…). Each is built once; later runs only
# look. Helm is built from source through the Go module proxy (`go install`: no
# prebuilt download), kubernetes-validate (which carries the Kubernetes API
# schemas, so validation needs no cluster and no network) goes into its own venv.
# Run by deploy/helm/chart.test.ts; by hand: bash deploy/helm/tools.sh
set -euo pipefail

HELM_VERSION=v4.3.2
KUBERNETES_VALIDATE_VERSION=1.37.0

# Go's usual install folder, for shells whose PATH lacks it.
PATH="$PATH:/usr/local/go/bin"

tools="${OMB_CACHE_DIR:-$HOME/.cache/omb}/tools"
helm_dir="$tools/helm-$HELM_VERSION"
venv="$tools/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
mkdir -p "$tools"

# One installer at a time (two test runs starting at once share the cache).
exec 9>"$tools/.lock"
flock 9

if [ ! -x "$helm_dir/bin/helm" ]; then
  command -v go >/dev/null || { echo "go is needed to build helm $HELM_VERSION (install Go 1.24 or later)" >&2; exit 1; }
  echo "building helm $HELM_VERSION into $helm_dir (first run only; a few minutes)" >&2
  # Build into a fresh folder and move it in whole: an interrupted build leaves no half tool.
  rm -rf "$helm_dir.partial" && mkdir -p "$helm_dir.partial/bin"
  GOBIN="$helm_dir.partial/bin" CGO_ENABLED=0 \
    go install -ldflags "-s -w" "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" >&2
  rm -rf "$helm_dir" && mv "$helm_dir.partial" "$helm_dir"
fi

# A venv cannot be moved (its scripts name their python by path): it is made in
# place and counts as installed once the marker is written.
if [ ! -f "$venv/.installed" ]; then
  echo "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION into $venv (first run only)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" >&2
  touch "$venv/.installed"
fi

echo "helm=$helm_dir/bin/helm"
echo "kubernetes-validate=$venv/bin/kubernetes-validate"
