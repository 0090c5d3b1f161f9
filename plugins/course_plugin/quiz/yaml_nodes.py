"""Quiz YAML as nodes and data: one parse gives the node tree (for line numbers and the checks
in problems.py) and the plain Python data built from it (for the model)."""

from __future__ import annotations

from typing import Any

import yaml


# libyaml's parser when PyYAML has it (about ten times faster); it yields the same nodes and marks
FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (raises yaml.YAMLError on a syntax error)."""
    return yaml.compose(as_bytes(text), Loader=FastLoader)


def as_bytes(text: str) -> str | bytes:
    """UTF-8 bytes: libyaml reads them about twice as fast as a ``str`` (same nodes, same line marks)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: let PyYAML report them
        return text


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def construct(node: yaml.Node) -> tuple[Any, bool]:
    """Python data from the node tree, as PyYAML's ``SafeConstructor`` builds it, and whether
    the document is plain: no mapping lost a duplicate key and every key is a string.

    Plain mappings, sequences and strings (nearly every node of a quiz) are built directly;
    any other node (numbers, booleans, merge keys, ...) goes to ``SafeConstructor``. A document
    whose aliases make it recursive goes to ``SafeConstructor`` whole."""
    state = _State(yaml.constructor.SafeConstructor())
    try:
        return _build(node, state), state.plain
    except _Recursive:
        return yaml.constructor.SafeConstructor().construct_document(node), False


class _Recursive(Exception):
    pass


class _State:
    def __init__(self, constructor: yaml.constructor.SafeConstructor):
        self.constructor = constructor
        self.active: set[int] = set()   # the mappings and sequences being built (recursion check)
        self.plain = True


def _build(node: yaml.Node, state: _State) -> Any:
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    is_map = (tag == _MAP and isinstance(node, yaml.MappingNode)
              and not any(k.tag == "tag:yaml.org,2002:merge" for k, _ in node.value))
    if not is_map and not (tag == _SEQ and isinstance(node, yaml.SequenceNode)):
        if isinstance(node, yaml.ScalarNode):
            return state.constructor.construct_object(node, deep=True)
        state.plain = False
        return state.constructor.construct_document(node)
    if id(node) in state.active:
        raise _Recursive
    state.active.add(id(node))
    try:
        if not is_map:
            return [_build(child, state) for child in node.value]
        out = {}
        for key, value in node.value:
            if not (key.tag == _STR and isinstance(key, yaml.ScalarNode)):
                state.plain = False
            key_data = _build(key, state)
            try:
                hash(key_data)
            except TypeError:  # as SafeConstructor: an unhashable key is a construction error
                return state.constructor.construct_document(node)
            out[key_data] = _build(value, state)
        if len(out) < len(node.value):
            state.plain = False
        return out
    finally:
        state.active.discard(id(node))
