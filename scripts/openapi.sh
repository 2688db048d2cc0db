#!/usr/bin/env bash
# Rewrites docs/openapi/cart-api.json with the document `basket serve` serves at /openapi/v1.json (from an
# in-process server, no port to pick), then rebuilds src/BasketReasoner.Client, whose NSwag step generates the typed
# client from that file. Run it after changing a cart API route or wire type, and commit the document with the change;
# OpenApiDocumentTests fails while the committed document and the served one differ.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/BasketReasoner.Server.Tests -c Release -v quiet -nologo
BASKET_REGENERATE_OPENAPI=1 dotnet test tests/BasketReasoner.Server.Tests -c Release --no-build -nologo \
  --filter "FullyQualifiedName=BasketReasoner.Server.Tests.Contract.OpenApiDocumentTests.ServedDocument_ComparedWithTheCommittedFile_IsTheSame"
dotnet build src/BasketReasoner.Client -c Release -v quiet -nologo
git --no-pager diff --stat -- docs/openapi/cart-api.json
