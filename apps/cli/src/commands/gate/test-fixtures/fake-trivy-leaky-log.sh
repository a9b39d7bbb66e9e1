#!/bin/sh
# A stand-in for trivy in tests, not Trivy: a real Trivy cannot be made to log credentials on
# demand. It writes to stderr what a failing scan's log could hold (a token URL it fetched, an
# Authorization header, the password and tokens it was given in its environment), then a line
# of $FAKE_TRIVY_LONG_TOKEN as a token and $FAKE_TRIVY_EXTRA as is, each if set, and exits 1.
cat >&2 <<LOG
INFO start
GET https://auth.example/token?access_token=TOK1&password=PW2&X-Amz-Signature=SIG3
Authorization: Bearer TOK4 Proxy-Authorization: Basic BAS6 "authorization":"RAW7"
FATAL login with ${TRIVY_PASSWORD:-} (encoded ${FAKE_TRIVY_ENCODED:-}), token ${TRIVY_REGISTRY_TOKEN:-}, server ${TRIVY_TOKEN:-}, headers ${TRIVY_CUSTOM_HEADERS:-}
LOG
if [ -n "${FAKE_TRIVY_LONG_TOKEN:-}" ]; then
  printf 'GET https://h.example/x?access_token=%s\n' "$FAKE_TRIVY_LONG_TOKEN" >&2
fi
if [ -n "${FAKE_TRIVY_EXTRA:-}" ]; then
  printf '%s\n' "$FAKE_TRIVY_EXTRA" >&2
fi
exit 1
