"""Quizzes: YAML data model, loading with precise errors, rendering and export."""
