; strings.scm — string literals that look like a dotted name ('content.handlers.VideoPage');
; resolution keeps those that name an internal module or module.attribute.
((string) @string.ref
  (#match? @string.ref "^[uUbB]?['\"][A-Za-z_][A-Za-z0-9_]*([.][A-Za-z_][A-Za-z0-9_]*)+['\"]$"))
