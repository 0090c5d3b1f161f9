"""JSON Schema of quiz files, for editors (kept in sync with the models by a test)."""

from __future__ import annotations

from .model import Quiz


def quiz_json_schema(languages: list[str]) -> dict:
    schema = Quiz.model_json_schema()
    text = {
        "type": "object",
        "description": "Markdown text, one entry per site language.",
        "properties": {lang: {"type": "string", "minLength": 1} for lang in languages},
        "required": list(languages),
        "additionalProperties": False,
    }

    def swap(node):
        # every {language: text} mapping becomes an object with exactly the site's languages
        if isinstance(node, dict):
            if node.get("type") == "object" and node.get("additionalProperties") == {"type": "string"}:
                return {**text, **({"title": node["title"]} if "title" in node else {})}
            return {k: swap(v) for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        return node

    schema = swap(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Course quiz"
    return schema
