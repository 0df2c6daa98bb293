; strings.scm — string literals that look like a dotted name ('content.handlers.VideoPage');
; resolution keeps those that name an internal module or module.attribute. These patterns
; run around each quoted dotted name found in the source text (extract.c).
((string) @string.ref
  (#match? @string.ref "^[rRuUbBfF]{0,2}['\"][A-Za-z_][A-Za-z0-9_]*([.][A-Za-z_][A-Za-z0-9_]*)+['\"]$"))
