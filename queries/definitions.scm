; definitions.scm — classes (with their bases as written), functions and methods,
; module-level names and __all__. Capture names: scope.class / scope.function with
; scope.name and class.bases; def.name (a module-level name); def.all (an __all__ entry).
; Patterns with def.name or def.all run on each statement directly under the module.

(class_definition name: (identifier) @scope.name superclasses: (argument_list)? @class.bases) @scope.class
(function_definition name: (identifier) @scope.name) @scope.function

(expression_statement (assignment left: (identifier) @def.name))
(expression_statement (assignment left: (pattern_list (identifier) @def.name)))
(expression_statement (assignment left: (tuple_pattern (identifier) @def.name)))

(expression_statement
  (assignment left: (identifier) @_a (#eq? @_a "__all__")
    right: [(list (string) @def.all) (tuple (string) @def.all)]))
(expression_statement
  (augmented_assignment left: (identifier) @_a (#eq? @_a "__all__")
    right: [(list (string) @def.all) (tuple (string) @def.all)]))
