; imports.scm — every import form, and the contexts an import can sit in.
; Capture names are the contract with analyzer/extract.c (see README "Queries"):
;   import.statement/name/alias, from.statement/module/name/alias/wildcard,
;   future.statement/name, dynamic.call/name/package/builtin, context.<flag> (a range).
; Captures whose name starts with "_" only feed predicates. Context patterns run around
; each import, dynamic ones around the words __import__ and import_module (extract.c).

; import a.b.c / import a.b.c as d
(import_statement name: (dotted_name) @import.name) @import.statement
(import_statement
  name: (aliased_import name: (dotted_name) @import.name alias: (identifier) @import.alias)) @import.statement

; from X import a, b as c / from X import *   (X is a dotted name or a relative import)
(import_from_statement module_name: (_) @from.module name: (dotted_name) @from.name) @from.statement
(import_from_statement
  module_name: (_) @from.module
  name: (aliased_import name: (dotted_name) @from.name alias: (identifier) @from.alias)) @from.statement
(import_from_statement module_name: (_) @from.module (wildcard_import) @from.wildcard) @from.statement

; from __future__ import absolute_import
(future_import_statement name: (dotted_name) @future.name) @future.statement
(future_import_statement
  name: (aliased_import name: (dotted_name) @future.name alias: (identifier) @future.alias)) @future.statement

; __import__('a.b') with a literal name (its level argument, when given, is read in C)
(call
  function: (identifier) @dynamic.builtin (#eq? @dynamic.builtin "__import__")
  arguments: (argument_list . (string) @dynamic.name)) @dynamic.call

; importlib.import_module('a.b') / import_module('.x', 'pkg' | __package__ | package=...)
(call
  function: (_) @_f (#match? @_f "^([A-Za-z_][A-Za-z0-9_]*[.])?import_module$")
  arguments: (argument_list . (string) @dynamic.name . (_)? @dynamic.package .)) @dynamic.call

; --- contexts: each capture is a range; an import inside it gets the flag -----------------
; (Predicates with #match? keep these patterns few: the 0.20 runtime's query compiler is
; slow on alternations, and it runs whenever a file must be parsed.)
(function_definition body: (block) @context.late)
(class_definition body: (block) @context.class)
(if_statement) @context.if
;   if TYPE_CHECKING: / if typing.TYPE_CHECKING: / if TYPE_CHECKING is True: / == True
;   (also parenthesized); the body is for type checkers only
(if_statement
  condition: (_) @_c
    (#match? @_c "^[(]?([A-Za-z_][A-Za-z0-9_]*[.])?(TYPE_CHECKING|MYPY)([[:blank:]]+(is|==)[[:blank:]]+True)?[)]?$")
  consequence: (block) @context.type)
;   if not TYPE_CHECKING: ... elif ...: ... else: ...: every branch after the first runs
;   only when TYPE_CHECKING is true, that is for type checkers only
(if_statement
  condition: (not_operator argument: (_) @_c)
    (#match? @_c "^[(]?([A-Za-z_][A-Za-z0-9_]*[.])?(TYPE_CHECKING|MYPY)[)]?$")
  alternative: (_) @context.type)
(if_statement condition: (false) consequence: (block) @context.type)
(try_statement body: (block) @context.try)
(except_clause) @context.except
(except_group_clause) @context.except
; the try's handlers catch ImportError (by name, via a base class, or a bare except);
; `except X, e` (Python 2), `except (X, Y)`, `except X as e` all name X
(try_statement
  body: (block) @context.try_importerror
  (except_clause value: (_) @_e
    (#match? @_e "(^|[^A-Za-z0-9_])(ImportError|ModuleNotFoundError|Exception|BaseException|StandardError)([^A-Za-z0-9_]|$)")))
(try_statement body: (block) @context.try_importerror (except_clause !value))
; except* ImportError (Python 3.11)
(try_statement
  body: (block) @context.try_importerror
  (except_group_clause . (_) @_e
    (#match? @_e "(^|[^A-Za-z0-9_])(ImportError|ModuleNotFoundError|Exception|BaseException)([^A-Za-z0-9_]|$)")))
