#!/usr/bin/env bash
# Rebuilds the metadata-only package from its nuspec (a .nupkg is a zip holding the nuspec).
set -euo pipefail
cd "$(dirname "$0")"
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("Patched.DistributedLock.Postgres.1.3.3.nupkg", "w", zipfile.ZIP_DEFLATED) as z:
    z.write("Patched.DistributedLock.Postgres.nuspec")
PY
