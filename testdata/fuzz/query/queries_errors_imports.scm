(import_statement name: (dotted_name) @import.name) @import.statement
(function_definition body: (block) @context.late
