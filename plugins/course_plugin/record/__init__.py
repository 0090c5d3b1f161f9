"""The Module II record form: data model, loading, rendering, recipients and the sealed format."""
