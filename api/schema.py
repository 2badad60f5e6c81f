"""Schema post-processing: what is true of every operation is said once, here.

- Every operation may answer 400 (a refused filter or value), 404 (missing, or not visible
  to you) and 429 (rate limit) with the one error body of api.errors.
- A `slug` path parameter is a slug: declared with its pattern, so clients (and the
  property-based tests) know what a valid one looks like.
"""

ERROR_RESPONSES = {
    "400": "A filter or a value is refused; the body names the field and any rule.",
    "404": "Missing, or not visible to you.",
    "429": "Too many requests; try again later.",
}
ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}


def add_common_responses(result, generator, request, public):
    has_error_body = "ErrorBody" in result.get("components", {}).get("schemas", {})
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if has_error_body:
                for code, description in ERROR_RESPONSES.items():
                    operation["responses"].setdefault(
                        code,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": ERROR_BODY}},
                        },
                    )
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "path" and parameter.get("name") == "slug":
                    parameter["schema"] = {**parameter.get("schema", {}), **SLUG}
    return result
