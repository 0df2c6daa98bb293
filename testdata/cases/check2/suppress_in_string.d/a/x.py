NOTE = "# cutline: ignore[undeclared-dependency] not a comment"; import b.y
DOC = """
# cutline: ignore
"""; import b.z
