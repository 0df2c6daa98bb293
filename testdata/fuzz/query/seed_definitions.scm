; definitions.scm — classes (with their bases as written), functions and methods,
; module-level names and __all__. Capture names: scope.class / scope.function with
; scope.name and class.bases; def.name (a module-level name) with def.value (what it is
; assigned: kept when it is a dotted name or a call of one); def.all (an __all__ entry).
; Patterns with def.name or def.all run on each statement directly under the module
; (so `a = b = 1` there gives a and b; assignments in functions are not module names).

(class_definition name: (identifier) @scope.name superclasses: (argument_list)? @class.bases) @scope.class
(function_definition name: (identifier) @scope.name) @scope.function

(assignment left: (identifier) @def.name right: (_)? @def.value)
(assignment left: (pattern_list (identifier) @def.name))
(assignment left: (tuple_pattern (identifier) @def.name))

(assignment left: (identifier) @_a (#eq? @_a "__all__") right: (_ (string) @def.all))
(augmented_assignment left: (identifier) @_a (#eq? @_a "__all__") right: (_ (string) @def.all))
