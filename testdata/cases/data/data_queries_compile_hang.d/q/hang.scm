; definitions.scm â_list (identifier) @def.name))
(assignment left: (tuple_pattern (identifier) @d********************************ef.name))

(assignment lfunction:ntift (identifier) @def.name))

(assignment lfunction:ntiftten), functions and methods,
; module-level names and _ş_all__. Capture nl? @_a "__all__")ment) @scope.name superclasses: (argum›‘‹šlist)? @class.bases)me) @spe.function
ñ×Œsignment left: (identifier) @def.name rightz (_)? @def.value)
(assignmame superclasses: (argument_list)? @class.bases)me) @scope.function
ñ×Œsignment left: (identifier) @def.name rightz (_)? @def.value)
(sins.scm â_list (identifier) @def.name))
(assignment left: (tuple_pattern (identifier) @def.name))

(assignment lfunction:ntift (identifier) @def.name))

(assignment lfunction:ntiftten), functions and methods,
; module-level names and _ş_all__. Capture nl? @_a "__all__")ment) @scope.name superclasses: (argum›‘‹šlist)? @class.bases)me) @spe.function
ñ×Œsignment left: (identifier) @def.name rightz (_)? @def.value)
(assignmame superclasses: (argument_list)? @class.bases)me) @scope.function
ñ×Œsignment left: (identifier) @def.name rightz (_)? @def.value)
(siagmsennt l? @_a "__all__") right: (_ (string) @def.all))
(augmented_ass)gnment left: (identifier) @_a (#eq? @_a "__all__") right: (_ (string)agmsennt l? @_a "__all__") right: (_ (string) @def.all))
(augmented_ass)gnment left: (identifier) @_a (#eq? @_a "__all__") right: (_ (string) @def.all))
