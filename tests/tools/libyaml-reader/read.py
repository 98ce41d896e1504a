#!/usr/bin/python3
"""Reads YAML streams with libyaml (PyYAML's CSafeLoader) and prints each document as JSON, in the terms of
sigs.k8s.io/yaml's YAMLToJSON, so that tests can check that a second reader gets the same values as Kubernetes.

Same protocol as tests/tools/k8s-yaml-oracle: stdin holds frames "<decimal byte count>\\n<bytes>"; for each
frame one line {"docs":[{"json":<value>}|{"error":"<message>"}, ...]} is written and flushed. The whole frame
is one YAML stream (load_all); a stream libyaml refuses gives a single error document.

Mapped to go-yaml v2's results: timestamps stay the text they were written as (go-yaml keeps them strings),
!!binary gives its bytes as text (invalid UTF-8 replaced, as Go's JSON encoder does), mapping keys become
strings the way YAMLToJSON makes them (true/false, decimal integers), and a null key is an error.
"""
import json
import math
import sys

import yaml


class Loader(yaml.CSafeLoader):
    pass


Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def construct_untyped(loader, suffix, node):
    """A tag go-yaml v2 does not know: the node as written, a scalar as its text (no implicit typing)."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


Loader.add_multi_constructor("", construct_untyped)


class Unsupported(Exception):
    pass


def key_text(key):
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return str(key)
    if isinstance(key, float):
        if math.isinf(key):
            return ".inf" if key > 0 else "-.inf"
        if math.isnan(key):
            return ".nan"
        return "%.8g" % key
    if isinstance(key, str):
        return key
    if isinstance(key, bytes):
        return key.decode("utf-8", "replace")
    raise Unsupported("unsupported map key of type %s" % type(key).__name__)


def jsonable(value):
    if isinstance(value, dict):
        return {key_text(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        # go-yaml v2 has no !!set: it is the mapping it is written as, every value null.
        return {key_text(k): None for k in value}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
        raise Unsupported("a float that JSON cannot hold")
    return value


def read(stream):
    docs = []
    try:
        for document in yaml.load_all(stream, Loader=Loader):
            try:
                docs.append({"json": jsonable(document)})
            except (Unsupported, RecursionError, TypeError) as error:
                docs.append({"error": str(error)})
    except yaml.YAMLError as error:
        docs.append({"error": "libyaml: " + str(error).splitlines()[0]})
    return {"docs": docs}


def main():
    source = sys.stdin.buffer
    out = sys.stdout
    while True:
        header = source.readline()
        if not header:
            return
        size = int(header.strip())
        stream = source.read(size)
        if len(stream) != size:
            sys.exit("libyaml-reader: a frame ended early")
        out.write(json.dumps(read(stream), ensure_ascii=False, allow_nan=False) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
