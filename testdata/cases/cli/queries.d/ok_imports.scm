(import_statement name: (dotted_name) @import.name) @import.statement
