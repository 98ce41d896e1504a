#!/usr/bin/env python3
"""Writes a synthetic `helm template`-like stream of Kubernetes documents for the benchmarks.

Deterministic: the same --seed gives the same bytes, and a stream of N documents is a prefix of every
longer stream with the same seed (so the 4,000-document slice is the head of the 20 MB stream). About a
third of the documents are Secrets with several keys (base64 `data`, multi-line `stringData`, PEM blocks,
TLS Secrets); the rest are Deployments, ConfigMaps and Services. Documents average about 500 bytes, so
40,000 documents are about 20 MB. Standard library only.

    generate.py --documents 40000 --seed 5 --output stream.yaml
"""

import argparse
import base64
import random
import string
import sys

ALNUM = string.ascii_lowercase + string.digits
B64 = string.ascii_letters + string.digits + "+/"
WORDS = ["api", "web", "db", "cache", "queue", "auth", "billing", "search", "worker", "gateway", "metrics", "mail"]


def word(rng, n):
    return "".join(rng.choice(ALNUM) for _ in range(n))


def pem(rng, kind, lines):
    body = "\n".join("".join(rng.choice(B64) for _ in range(64)) for _ in range(lines))
    tail = "".join(rng.choice(B64) for _ in range(rng.randint(8, 40))) + "=="
    return f"-----BEGIN {kind}-----\n{body}\n{tail}\n-----END {kind}-----\n"


def indent(text, spaces):
    pad = " " * spaces
    return "".join(pad + line + "\n" for line in text.splitlines())


def header(template, api_version, kind, name, app, release, ns):
    """The part every generated document shares: helm's source comment, the type, and the metadata."""
    return (
        f"# Source: {app}/templates/{template}\napiVersion: {api_version}\nkind: {kind}\n"
        f"metadata:\n  name: {name}\n  namespace: {ns}\n"
        "  labels:\n"
        f"    app.kubernetes.io/name: {app}\n"
        f"    app.kubernetes.io/instance: {release}\n"
    )


def secret(rng, i, app, release, ns):
    head = header(f"secret-{i % 7}.yaml", "v1", "Secret", f"{release}-{app}-{i}", app, release, ns)
    variant = (i // 3) % 3
    if variant == 0:
        # Opaque, base64 data only: passwords, a token, a connection string.
        data = {
            "password": word(rng, 24),
            "username": f"{app}_{word(rng, 5)}",
            "api-token": word(rng, 40),
            "url": f"postgres://{app}:{word(rng, 12)}@{release}-db.{ns}.svc:5432/{app}",
        }
        body = "type: Opaque\ndata:\n" + "".join(
            f"  {k}: {base64.b64encode(v.encode()).decode()}\n" for k, v in data.items()
        )
    elif variant == 1:
        # Opaque with multi-line stringData (a config file and a PEM key as literal blocks) plus data.
        config = f"[client]\nhost = {release}-db\nuser = {app}\npassword = {word(rng, 16)}\n"
        body = (
            "type: Opaque\n"
            "data:\n"
            f"  secret-key: {base64.b64encode(word(rng, 32).encode()).decode()}\n"
            "stringData:\n"
            "  my.cnf: |\n" + indent(config, 4)
            + "  signing.pem: |\n" + indent(pem(rng, "EC PRIVATE KEY", 2), 4)
            + f"  region: eu-west-{i % 3 + 1}\n"
        )
    else:
        # kubernetes.io/tls with the certificate base64-encoded, as helm's genSelfSignedCert renders it.
        cert = pem(rng, "CERTIFICATE", 2)
        key = pem(rng, "PRIVATE KEY", 1)
        body = (
            "type: kubernetes.io/tls\n"
            "data:\n"
            f"  tls.crt: {base64.b64encode(cert.encode()).decode()}\n"
            f"  tls.key: {base64.b64encode(key.encode()).decode()}\n"
            f"  ca.crt: {base64.b64encode(cert[:80].encode()).decode()}\n"
        )
    return head + body


def deployment(rng, i, app, release, ns):
    return (
        header("deployment.yaml", "apps/v1", "Deployment", f"{release}-{app}-{i}", app, release, ns)
        + "spec:\n"
        f"  replicas: {rng.randint(1, 5)}\n"
        "  selector:\n    matchLabels:\n"
        f"      app.kubernetes.io/instance: {release}\n"
        "  template:\n    metadata:\n      labels:\n"
        f"        app.kubernetes.io/instance: {release}\n"
        "    spec:\n      containers:\n"
        f"        - name: {app}\n"
        f"          image: \"registry.example.com/{app}:1.{rng.randint(0, 30)}.{rng.randint(0, 9)}\"\n"
        "          ports:\n            - containerPort: 8080\n"
        "          envFrom:\n"
        f"            - secretRef:\n                name: {release}-{app}-{i + 1}\n"
    )


def configmap(rng, i, app, release, ns):
    return (
        header("configmap.yaml", "v1", "ConfigMap", f"{release}-{app}-config-{i}", app, release, ns)
        + "data:\n"
        f"  LOG_LEVEL: {rng.choice(['debug', 'info', 'warn'])}\n"
        f"  FEATURE_FLAG: \"{rng.choice(['true', 'false', 'yes', 'on'])}\"\n"
        f"  MODE: \"0{rng.randint(600, 777)}\"\n"
        "  app.properties: |\n"
        f"    server.port=8080\n    cache.ttl={rng.randint(10, 999)}\n    upstream={release}-{word(rng, 6)}\n"
    )


def service(rng, i, app, release, ns):
    return (
        header("service.yaml", "v1", "Service", f"{release}-{app}-{i}", app, release, ns)
        + "spec:\n"
        f"  type: {rng.choice(['ClusterIP', 'ClusterIP', 'NodePort'])}\n"
        "  ports:\n"
        f"    - port: {rng.choice([80, 443, 8080])}\n      targetPort: http\n"
        f"  selector:\n    app.kubernetes.io/name: {app}\n    app.kubernetes.io/instance: {release}\n"
    )


OTHERS = [deployment, configmap, service]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, required=True)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--output", default="-")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    try:
        chunk = []
        for i in range(args.documents):
            app = WORDS[i % len(WORDS)]
            release = f"rel{i // 400}"
            ns = f"team-{(i // 1000) % 20}"
            if i % 3 == 1:
                doc = secret(rng, i, app, release, ns)
            else:
                doc = OTHERS[(i + i // 3) % 3](rng, i, app, release, ns)
            chunk.append("---\n" + doc)
            if len(chunk) == 2000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
