#!/usr/bin/env bash
# Rebuilds the web UI from web/ into internal/web/dist (committed, so that
# `go run` needs no Node). Needs Node 20+ and npm.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
npm run build
